import { ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  pipelinesRunCancelPermission,
  pipelinesRunCreatePermission,
  Run,
} from '@golive/plugin-pipelines-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import OpenInNewIcon from '@material-ui/icons/OpenInNew';
import { Alert } from '@material-ui/lab';
import { ReactNode } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { isRunAccepted, pipelinesApiRef } from '../../api/PipelinesApi';
import { Duration } from '../Duration';
import { ProviderBadge } from '../ProviderBadge';
import { StatusLabel } from '../StatusLabel';
import { describeRef } from '../../utils/describeRef';

export interface RunHeaderProps {
  run: Run;
  onCancelled(run: Run): void;
  /** Called with the new run a re-run started. */
  onRerun(run: Run): void;
}

const finished = ['succeeded', 'failed', 'cancelled'];

function Fact(props: { label: string; children: ReactNode }) {
  return (
    <Box mr={4} mb={1}>
      <Typography variant="caption" color="textSecondary" component="div">
        {props.label}
      </Typography>
      <Typography variant="body2" component="div">
        {props.children}
      </Typography>
    </Box>
  );
}

/**
 * What a run is, how it went, and what can be done with it. An external
 * run (Jenkins, GitHub Actions) links to its own page and can only be
 * re-run: cancelling and approvals belong to its provider.
 */
export function RunHeader(props: RunHeaderProps) {
  const { run, onCancelled, onRerun } = props;
  const pipelinesApi = useApi(pipelinesApiRef);
  const canCancel = usePermission({
    permission: pipelinesRunCancelPermission,
    resourceRef: run.entityRef,
  });
  const canRerun = usePermission({
    permission: pipelinesRunCreatePermission,
    resourceRef: run.entityRef,
  });
  const [cancel, doCancel] = useAsyncFn(async () => {
    onCancelled(await pipelinesApi.cancelRun(run.id));
  }, [pipelinesApi, run.id, onCancelled]);
  const [rerun, doRerun] = useAsyncFn(
    async (failedOnly: boolean) => {
      const started = await pipelinesApi.rerun(run.id, { failedOnly });
      if (isRunAccepted(started)) {
        return true;
      }
      onRerun(started);
      return false;
    },
    [pipelinesApi, run.id, onRerun],
  );

  const external = run.provider !== undefined;
  const providerTitle = run.providerTitle ?? run.provider;
  const isFinished = finished.includes(run.status);
  const hasFailedJobs = (run.jobs ?? []).some(
    job => job.status === 'failed' || job.status === 'cancelled',
  );
  const busy = cancel.loading || rerun.loading;
  const error = cancel.error ?? rerun.error;

  return (
    <Box mb={2}>
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 16 }}
      >
        <Typography variant="h5" component="h1">
          {run.pipelineName} #{run.number}
        </Typography>
        <ProviderBadge run={run} />
        <StatusLabel status={run.status} />
        <Box flexGrow={1} />
        {external && run.url && (
          <Button
            href={run.url}
            target="_blank"
            rel="noopener"
            endIcon={<OpenInNewIcon />}
          >
            Open in {providerTitle}
          </Button>
        )}
        {external && isFinished && (
          <Button
            variant="outlined"
            disabled={busy || !canRerun.allowed}
            onClick={() => doRerun(false)}
          >
            Re-run
          </Button>
        )}
        {!external && !isFinished && (
          <Button
            variant="outlined"
            disabled={busy || !canCancel.allowed}
            onClick={() => doCancel()}
          >
            Cancel run
          </Button>
        )}
        {!external && isFinished && (
          <Button
            variant="outlined"
            disabled={busy || !canRerun.allowed}
            onClick={() => doRerun(false)}
          >
            Re-run all jobs
          </Button>
        )}
        {!external && isFinished && hasFailedJobs && (
          <Button
            variant="outlined"
            disabled={busy || !canRerun.allowed}
            onClick={() => doRerun(true)}
          >
            Re-run failed jobs
          </Button>
        )}
      </Box>
      <Box display="flex" flexWrap="wrap" mt={1}>
        <Fact label="Component">{run.entityRef}</Fact>
        {external && run.source && <Fact label="Source">{run.source}</Fact>}
        {run.ref && (
          <Fact label={describeRef(run.ref).kind}>
            {describeRef(run.ref).name}
          </Fact>
        )}
        {run.sha && (
          <Fact label="Commit">
            <code title={run.sha}>{run.sha.slice(0, 7)}</code>
          </Fact>
        )}
        <Fact label="Started by">{run.actor}</Fact>
        <Fact label="Trigger">{run.trigger.replace('_', ' ')}</Fact>
        <Fact label="Duration">
          <Duration item={run} />
        </Fact>
      </Box>
      {rerun.value && (
        <Alert severity="success">
          Re-run requested in {providerTitle}; it appears in the runs list once{' '}
          {providerTitle} starts it
        </Alert>
      )}
      {error && <ResponseErrorPanel error={error} title="The action failed" />}
    </Box>
  );
}
