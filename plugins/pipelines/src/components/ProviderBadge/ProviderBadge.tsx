import { Run } from '@golive/plugin-pipelines-common';
import Chip from '@material-ui/core/Chip';

export interface ProviderBadgeProps {
  run: Pick<Run, 'provider' | 'providerTitle'>;
}

/** Which system ran a run: GoLive itself, Jenkins, GitHub Actions, ... */
export function ProviderBadge(props: ProviderBadgeProps) {
  const { provider, providerTitle } = props.run;
  const title = provider ? providerTitle ?? provider : 'GoLive';
  return (
    <Chip
      size="small"
      variant="outlined"
      color={provider ? 'default' : 'primary'}
      label={title}
      aria-label={`Provider: ${title}`}
      style={{ margin: 0 }}
    />
  );
}
