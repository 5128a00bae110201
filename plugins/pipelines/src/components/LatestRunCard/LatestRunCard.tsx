import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { RUNS_SIGNAL_CHANNEL } from '@golive/plugin-pipelines-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { pipelinesApiRef } from '../../api/PipelinesApi';
import { useSignalRefresh } from '../../hooks/useSignalRefresh';
import { runRouteRef } from '../../routes';
import { elapsedMs, formatDuration } from '../../utils/formatDuration';
import { ProviderBadge } from '../ProviderBadge';
import { StatusLabel } from '../StatusLabel';

/** The entity's most recent run, on its overview. */
export function LatestRunCard() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const pipelinesApi = useApi(pipelinesApiRef);
  const runLink = useRouteRef(runRouteRef);
  const latest = useAsyncRetry(
    () => pipelinesApi.listRuns({ entityRef, limit: 1 }),
    [pipelinesApi, entityRef],
  );
  useSignalRefresh(RUNS_SIGNAL_CHANNEL, latest.retry);

  const run = latest.value?.items[0];
  let content;
  if (latest.loading && !latest.value) {
    content = <Progress />;
  } else if (latest.error) {
    content = (
      <ResponseErrorPanel error={latest.error} title="Could not load runs" />
    );
  } else if (!run) {
    content = (
      <Typography variant="body2" color="textSecondary">
        No run yet. Start one from the CI/CD tab.
      </Typography>
    );
  } else {
    const href = runLink?.({ runId: run.id });
    const label = `${run.pipelineName} #${run.number}`;
    content = (
      <Box display="flex" flexDirection="column" style={{ gap: 8 }}>
        <Box display="flex" alignItems="center" style={{ gap: 8 }}>
          <Typography variant="subtitle1">
            {href ? <Link to={href}>{label}</Link> : label}
          </Typography>
          <ProviderBadge run={run} />
        </Box>
        <StatusLabel status={run.status} />
        <Typography variant="body2" color="textSecondary">
          {[run.ref, run.sha.slice(0, 7), formatDuration(elapsedMs(run))]
            .filter(Boolean)
            .join(' · ')}
        </Typography>
      </Box>
    );
  }
  return <InfoCard title="Latest run">{content}</InfoCard>;
}
