import { Run, RunJob } from '@golive/plugin-pipelines-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import { useNow } from '../../hooks/useNow';
import { elapsedMs, formatDuration } from '../../utils/formatDuration';
import { isRunning } from '../Duration';
import { statusColor } from '../JobGraph';

export interface RunTimelineProps {
  run: Run;
  /** Reference "now" for work still running; defaults to the clock. */
  now?: number;
}

const useStyles = makeStyles(theme => ({
  row: {
    display: 'grid',
    gridTemplateColumns: '220px 1fr 72px',
    alignItems: 'center',
    gap: theme.spacing(1),
    minHeight: 22,
  },
  track: {
    position: 'relative',
    height: 12,
    background: theme.palette.action.hover,
    borderRadius: 2,
  },
  bar: { position: 'absolute', top: 0, bottom: 0, borderRadius: 2 },
  step: { paddingLeft: theme.spacing(2) },
}));

interface Span {
  label: string;
  start?: number;
  ms?: number;
  color: string;
  isStep: boolean;
}

/** Bars of job and step durations on one time axis from the run's start. */
export function RunTimeline(props: RunTimelineProps) {
  const { run } = props;
  const classes = useStyles();
  const theme = useTheme();
  const jobs: RunJob[] = run.jobs ?? [];
  // bars of running work grow every second
  const running = jobs.some(job => isRunning(job) || job.steps.some(isRunning));
  const clock = useNow(props.now === undefined && running);
  const now = props.now ?? clock;
  const started = jobs
    .map(job => job.startedAt && Date.parse(job.startedAt))
    .filter((t): t is number => typeof t === 'number');

  if (started.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No job has started yet.
      </Typography>
    );
  }

  const origin = Math.min(...started);
  const spans: Span[] = jobs.flatMap(job => {
    const color = statusColor(theme, job.status);
    const jobSpan: Span = {
      label: job.name,
      start: job.startedAt ? Date.parse(job.startedAt) - origin : undefined,
      ms: elapsedMs(job, now),
      color,
      isStep: false,
    };
    const steps = job.steps.map(step => ({
      label: step.name,
      start: step.startedAt ? Date.parse(step.startedAt) - origin : undefined,
      ms: elapsedMs(step, now),
      color: statusColor(theme, step.status),
      isStep: true,
    }));
    return [jobSpan, ...steps];
  });
  const total = Math.max(
    1,
    ...spans.map(span => (span.start ?? 0) + (span.ms ?? 0)),
  );

  return (
    <Box role="list" aria-label="Timeline">
      {spans.map((span, index) => (
        <div
          key={index}
          role="listitem"
          className={classes.row}
          aria-label={`${span.label}: ${formatDuration(span.ms)}`}
        >
          <Typography
            variant={span.isStep ? 'caption' : 'body2'}
            className={span.isStep ? classes.step : undefined}
            noWrap
          >
            {span.label}
          </Typography>
          <div className={classes.track}>
            {span.start !== undefined && (
              <div
                className={classes.bar}
                style={{
                  left: `${(span.start / total) * 100}%`,
                  width: `max(2px, ${((span.ms ?? 0) / total) * 100}%)`,
                  background: span.color,
                }}
              />
            )}
          </div>
          <Typography variant="caption" align="right">
            {formatDuration(span.ms)}
          </Typography>
        </div>
      ))}
    </Box>
  );
}
