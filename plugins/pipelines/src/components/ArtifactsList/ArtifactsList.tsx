import { ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { RunArtifact, RunJob } from '@golive/plugin-pipelines-common';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemSecondaryAction from '@material-ui/core/ListItemSecondaryAction';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import DownloadIcon from '@material-ui/icons/GetApp';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { pipelinesApiRef } from '../../api/PipelinesApi';
import { saveDownload } from '../../utils/saveDownload';

export interface ArtifactsListProps {
  runId: string;
  artifacts: RunArtifact[];
  jobs: RunJob[];
}

export function formatSize(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let size = bytes;
  let unit = 0;
  while (size >= 1024 && unit < units.length - 1) {
    size /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? size : size.toFixed(1)} ${units[unit]}`;
}

/** Files kept by a run's jobs, each downloadable. */
export function ArtifactsList(props: ArtifactsListProps) {
  const { runId, artifacts, jobs } = props;
  const pipelinesApi = useApi(pipelinesApiRef);
  const jobName = (jobId: string) =>
    jobs.find(job => job.id === jobId)?.name ?? jobId;
  const [state, download] = useAsyncFn(
    async (artifact: RunArtifact) => {
      const url = await pipelinesApi.getArtifactUrl(runId, artifact.id);
      const blob = await pipelinesApi.download(url);
      saveDownload(blob, artifact.path.split('/').pop() || artifact.id);
    },
    [pipelinesApi, runId],
  );

  if (artifacts.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        This run kept no artifacts. Jobs keep files listed under{' '}
        <code>artifacts</code> or <code>reports</code> in the pipeline file.
      </Typography>
    );
  }
  return (
    <>
      {state.error && (
        <ResponseErrorPanel error={state.error} title="Download failed" />
      )}
      <List dense aria-label="Artifacts">
        {artifacts.map(artifact => (
          <ListItem key={artifact.id}>
            <ListItemText
              primary={artifact.path}
              secondary={`${jobName(artifact.jobId)} · ${formatSize(
                artifact.size,
              )}`}
            />
            <ListItemSecondaryAction>
              {artifact.kind === 'report' && (
                <Chip size="small" label="Test report" />
              )}
              <Button
                startIcon={<DownloadIcon />}
                onClick={() => download(artifact)}
                aria-label={`Download ${artifact.path}`}
              >
                Download
              </Button>
            </ListItemSecondaryAction>
          </ListItem>
        ))}
      </List>
    </>
  );
}
