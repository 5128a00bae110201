import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { LogLine, Run, RunJob } from '@golive/plugin-pipelines-common';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import DownloadIcon from '@material-ui/icons/GetApp';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { Alert } from '@material-ui/lab';
import { useMemo } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { pipelinesApiRef } from '../../api/PipelinesApi';
import { useJobLog } from '../../hooks/useJobLog';
import { Duration } from '../Duration';
import { saveDownload } from '../../utils/saveDownload';
import { ApprovalActions } from '../ApprovalActions';
import { LogSearch } from '../LogSearch';
import { StatusLabel } from '../StatusLabel';
import { StepLog } from '../StepLog';

export interface JobDetailsProps {
  run: Run;
  job: RunJob;
  onRunChanged(run: Run): void;
}

const RUNNER = -1;

/** The selected job: approval, log search, download, and each step's log. */
export function JobDetails(props: JobDetailsProps) {
  const { run, job, onRunChanged } = props;
  const pipelinesApi = useApi(pipelinesApiRef);
  const log = useJobLog(run.id, job.id);
  const linesByStep = useMemo(() => {
    const groups = new Map<number, LogLine[]>();
    for (const line of log.lines) {
      const key = line.stepIndex ?? RUNNER;
      const group = groups.get(key);
      if (group) {
        group.push(line);
      } else {
        groups.set(key, [line]);
      }
    }
    return groups;
  }, [log.lines]);

  const [download, startDownload] = useAsyncFn(async () => {
    const url = await pipelinesApi.getLogDownloadUrl(run.id, job.id);
    saveDownload(await pipelinesApi.download(url), `${job.name}.log`);
  }, [pipelinesApi, run.id, job.id, job.name]);

  const runnerLines = linesByStep.get(RUNNER) ?? [];
  const hasLog = job.steps.some(step => step.status !== 'pending');
  // Approvals are GoLive's own; an external run's provider holds its gates.
  // Its log is one text per job (a Jenkins stage, an Actions job), so the
  // lines without a step are the job's whole log rather than its set-up.
  const external = run.provider !== undefined;

  return (
    <Box>
      <Box display="flex" alignItems="center" mb={1} style={{ gap: 16 }}>
        <Typography variant="h6">{job.name}</Typography>
        <StatusLabel status={job.status} />
        <Typography variant="body2" color="textSecondary">
          {job.attempt > 1 ? `Attempt ${job.attempt} · ` : ''}
          <Duration item={job} />
        </Typography>
        <Box flexGrow={1} />
        <Button
          startIcon={<DownloadIcon />}
          onClick={() => startDownload()}
          disabled={download.loading || !hasLog}
        >
          Download full log
        </Button>
      </Box>
      {!external && (
        <ApprovalActions run={run} job={job} onDecided={onRunChanged} />
      )}
      {download.error && (
        <ResponseErrorPanel error={download.error} title="Download failed" />
      )}
      <Box mt={2}>
        <LogSearch
          runId={run.id}
          jobId={job.id}
          stepNames={job.steps.map(step => step.name)}
        />
      </Box>
      {log.loading && <Progress />}
      {log.error && (
        <ResponseErrorPanel error={log.error} title="Could not load the log" />
      )}
      {log.truncated && (
        <Alert severity="warning">
          This job's log reached its size cap and was cut.
        </Alert>
      )}
      {log.clipped && (
        <Alert severity="info">
          Only the first lines are shown here; download the full log for the
          rest.
        </Alert>
      )}
      {runnerLines.length > 0 && (
        <Accordion
          TransitionProps={{ unmountOnExit: true }}
          defaultExpanded={external}
        >
          <AccordionSummary expandIcon={<ExpandMoreIcon />}>
            <Typography>{external ? 'Job log' : 'Set up job'}</Typography>
          </AccordionSummary>
          <AccordionDetails>
            <StepLog lines={runnerLines} live={log.live} />
          </AccordionDetails>
        </Accordion>
      )}
      {job.steps.map(step => (
        <Accordion
          key={step.id}
          TransitionProps={{ unmountOnExit: true }}
          defaultExpanded={
            (step.status === 'running' || step.status === 'failed') &&
            (!external || linesByStep.has(step.index))
          }
        >
          <AccordionSummary expandIcon={<ExpandMoreIcon />}>
            <Box
              display="flex"
              alignItems="center"
              width="100%"
              style={{ gap: 16 }}
            >
              <StatusLabel status={step.status} />
              <Typography>{step.name}</Typography>
              <Box flexGrow={1} />
              <Typography variant="caption" color="textSecondary">
                {step.exitCode !== undefined && step.exitCode !== 0
                  ? `exit ${step.exitCode} · `
                  : ''}
                <Duration item={step} />
              </Typography>
            </Box>
          </AccordionSummary>
          <AccordionDetails>
            <StepLog
              lines={linesByStep.get(step.index) ?? []}
              live={log.live && step.status === 'running'}
              pending={step.status === 'pending'}
              emptyText={
                external && runnerLines.length > 0
                  ? `${
                      run.providerTitle ?? run.provider
                    } keeps this step's output in the job log.`
                  : undefined
              }
            />
          </AccordionDetails>
        </Accordion>
      ))}
      {job.steps.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          This job has no steps.
        </Typography>
      )}
    </Box>
  );
}
