import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import {
  useApi,
  useAppNavigate,
  useRouteRef,
  useRouteRefParams,
} from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { Run, runSignalChannel } from '@golive/plugin-pipelines-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import { Alert, AlertTitle } from '@material-ui/lab';
import { useCallback, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';
import { pipelinesApiRef } from '../../api/PipelinesApi';
import { useSignalRefresh } from '../../hooks/useSignalRefresh';
import { runRouteRef } from '../../routes';
import { ArtifactsList } from '../ArtifactsList';
import { JobDetails } from '../JobDetails';
import { JobGraph } from '../JobGraph';
import { RunHeader } from '../RunHeader';
import { RunTimeline } from '../RunTimeline';

export interface RunViewProps {
  runId: string;
  /**
   * How often the page of a running external run (Jenkins, GitHub Actions)
   * asks again for its stages; 10 seconds by default.
   */
  externalPollMs?: number;
}

/** Statuses after which a run no longer changes. */
const FINISHED = ['succeeded', 'failed', 'cancelled'];

/** Picks the job to show first: the one needing attention, else the first. */
function defaultJobId(run: Run): string | undefined {
  const jobs = run.jobs ?? [];
  const pick =
    jobs.find(job => job.status === 'waiting') ??
    jobs.find(job => job.status === 'failed') ??
    jobs.find(job => job.status === 'running') ??
    jobs[0];
  return pick?.id;
}

/**
 * The provider's own words when an external run's provider does not
 * answer (503), else `undefined`.
 */
function providerOutage(error: Error): string | undefined {
  if (ResponseError.is(error) && error.statusCode === 503) {
    return error.cause.message || error.message;
  }
  return undefined;
}

/** One run: header, job graph, timeline, the selected job and artifacts. */
export function RunView(props: RunViewProps) {
  const { runId, externalPollMs = 10_000 } = props;
  const pipelinesApi = useApi(pipelinesApiRef);
  const navigate = useAppNavigate();
  const runLink = useRouteRef(runRouteRef);
  const [selected, setSelected] = useState<string>();

  const run = useAsyncRetry(
    () => pipelinesApi.getRun(runId),
    [pipelinesApi, runId],
  );
  // External runs keep their artifacts in their own system, so they are
  // only asked for once the run is known to be GoLive's own.
  const external = run.value?.provider !== undefined;
  const own = run.value !== undefined && !external;
  const artifacts = useAsyncRetry(
    async () => (own ? await pipelinesApi.listArtifacts(runId) : undefined),
    [pipelinesApi, runId, own],
  );
  const refresh = useCallback(() => {
    run.retry();
    artifacts.retry();
  }, [run, artifacts]);
  // The external sync signals this channel when an external run's status
  // or times change; its stages move in between, so a running one is
  // asked for again while its page is open.
  useSignalRefresh(runSignalChannel(runId), refresh);
  const polling =
    external && run.value !== undefined && !FINISHED.includes(run.value.status);
  useInterval(run.retry, polling ? externalPollMs : null);

  const openRun = useCallback(
    (next: Run) => {
      const href = runLink?.({ runId: next.id });
      if (href) {
        navigate(href);
      }
    },
    [navigate, runLink],
  );

  if (run.loading && !run.value) {
    return <Progress />;
  }
  if (run.error && !run.value) {
    const outage = providerOutage(run.error);
    if (outage) {
      return (
        <Box p={3}>
          <Alert
            severity="warning"
            action={
              <Button color="inherit" onClick={run.retry}>
                Retry
              </Button>
            }
          >
            <AlertTitle>The run's CI provider is not answering</AlertTitle>
            {outage}
          </Alert>
        </Box>
      );
    }
    return (
      <ResponseErrorPanel error={run.error} title="Could not load the run" />
    );
  }
  if (!run.value) {
    return null;
  }

  const current = run.value;
  const jobs = current.jobs ?? [];
  const jobId =
    selected && jobs.some(job => job.id === selected)
      ? selected
      : defaultJobId(current);
  const job = jobs.find(j => j.id === jobId);

  return (
    <Box p={3}>
      <RunHeader run={current} onCancelled={refresh} onRerun={openRun} />
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <InfoCard title="Jobs">
            {jobs.length > 0 ? (
              <JobGraph
                jobs={jobs}
                selectedJobId={jobId}
                onSelect={setSelected}
              />
            ) : (
              <>
                {current.provider
                  ? `${
                      current.providerTitle ?? current.provider
                    } reports no jobs for this run yet.`
                  : 'This run has no jobs: every job was filtered out by its condition.'}
              </>
            )}
          </InfoCard>
        </Grid>
        <Grid item xs={12} lg={8}>
          <InfoCard title={job ? `Job: ${job.name}` : 'Job'}>
            {job ? (
              <JobDetails
                key={job.id}
                run={current}
                job={job}
                onRunChanged={refresh}
              />
            ) : (
              'Select a job in the graph.'
            )}
          </InfoCard>
        </Grid>
        <Grid item xs={12} lg={4}>
          <InfoCard title="Timeline">
            <RunTimeline run={current} />
          </InfoCard>
          {!external && (
            <Box mt={3}>
              <InfoCard title="Artifacts">
                {artifacts.error && (
                  <ResponseErrorPanel
                    error={artifacts.error}
                    title="Could not load the artifacts"
                  />
                )}
                {artifacts.loading && !artifacts.value && <Progress />}
                {artifacts.value && (
                  <ArtifactsList
                    runId={current.id}
                    artifacts={artifacts.value.items}
                    jobs={jobs}
                  />
                )}
              </InfoCard>
            </Box>
          )}
        </Grid>
      </Grid>
    </Box>
  );
}

/** The run page at `/pipelines/runs/:runId`. */
export function RunPage() {
  const { runId } = useRouteRefParams(runRouteRef);
  return <RunView runId={runId} />;
}
