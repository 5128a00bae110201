import { ProviderStatus } from '@golive/plugin-pipelines-common';
import Box from '@material-ui/core/Box';
import { Alert } from '@material-ui/lab';
import { formatTimeAgo } from '../../utils/formatTimeAgo';

export interface ProviderAlertsProps {
  providers?: ProviderStatus[];
}

/** The text of one provider's outage, as shown above a runs list. */
export function outageText(status: ProviderStatus, now = Date.now()): string {
  const message = status.message ?? `${status.providerTitle} is not answering`;
  const synced = formatTimeAgo(status.lastSyncedAt, now);
  return `${message}; retrying. ${
    synced ? `Last synced ${synced}` : 'Not synced yet'
  }`;
}

/**
 * One warning per external CI provider whose sync fails, so that its
 * missing or stale runs are explained rather than silently absent.
 */
export function ProviderAlerts(props: ProviderAlertsProps) {
  const down = (props.providers ?? []).filter(p => p.state === 'unavailable');
  if (down.length === 0) {
    return null;
  }
  return (
    <Box mb={2} display="flex" flexDirection="column" style={{ gap: 8 }}>
      {down.map(status => (
        <Alert key={status.provider} severity="warning">
          {outageText(status)}
        </Alert>
      ))}
    </Box>
  );
}
