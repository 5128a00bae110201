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
import { Run, runSignalChannel } from '@golive/plugin-pipelines-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import { useCallback, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
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
}

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

/** One run: header, job graph, timeline, the selected job and artifacts. */
export function RunView(props: RunViewProps) {
  const { runId } = props;
  const pipelinesApi = useApi(pipelinesApiRef);
  const navigate = useAppNavigate();
  const runLink = useRouteRef(runRouteRef);
  const [selected, setSelected] = useState<string>();

  const run = useAsyncRetry(
    () => pipelinesApi.getRun(runId),
    [pipelinesApi, runId],
  );
  const artifacts = useAsyncRetry(
    () => pipelinesApi.listArtifacts(runId),
    [pipelinesApi, runId],
  );
  const refresh = useCallback(() => {
    run.retry();
    artifacts.retry();
  }, [run, artifacts]);
  useSignalRefresh(runSignalChannel(runId), refresh);

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
              'This run has no jobs: every job was filtered out by its condition.'
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
