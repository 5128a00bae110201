import { JobStatus, RunJob } from '@golive/plugin-pipelines-common';
import { makeStyles, Theme, useTheme } from '@material-ui/core/styles';
import { KeyboardEvent } from 'react';
import { Duration } from '../Duration';
import { statusText } from '../StatusLabel';
import { layoutJobGraph } from './layoutJobGraph';

export interface JobGraphProps {
  jobs: RunJob[];
  selectedJobId?: string;
  onSelect(jobId: string): void;
}

const WIDTH = 200;
const HEIGHT = 48;
const GAP_X = 56;
const GAP_Y = 16;

const useStyles = makeStyles(theme => ({
  scroll: { overflowX: 'auto' },
  node: {
    cursor: 'pointer',
    '&:focus': { outline: 'none' },
    '&:focus rect, &:hover rect': { strokeWidth: 3 },
  },
  name: { fontSize: 13, fontWeight: 500, fill: theme.palette.text.primary },
  detail: { fontSize: 11, fill: theme.palette.text.secondary },
}));

export function statusColor(theme: Theme, status: JobStatus): string {
  switch (status) {
    case 'succeeded':
      return theme.palette.success?.main ?? '#2e7d32';
    case 'failed':
      return theme.palette.error.main;
    case 'running':
      return theme.palette.info?.main ?? '#0288d1';
    case 'waiting':
      return theme.palette.warning?.main ?? '#ed6c02';
    default:
      return theme.palette.grey[500];
  }
}

function clip(text: string, max: number) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The jobs of a run as a left-to-right DAG, coloured by status. */
export function JobGraph(props: JobGraphProps) {
  const { jobs, selectedJobId, onSelect } = props;
  const classes = useStyles();
  const theme = useTheme();
  const layout = layoutJobGraph(jobs);
  const x = (column: number) => column * (WIDTH + GAP_X) + 2;
  const y = (row: number) => row * (HEIGHT + GAP_Y) + 2;
  const width = layout.columns * (WIDTH + GAP_X) - GAP_X + 4;
  const height = layout.rows * (HEIGHT + GAP_Y) - GAP_Y + 4;

  const onKey = (jobId: string) => (event: KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelect(jobId);
    }
  };

  return (
    <div className={classes.scroll}>
      <svg
        width={Math.max(width, 0)}
        height={Math.max(height, 0)}
        role="group"
        aria-label="Job graph"
      >
        {layout.edges.map(({ from, to }) => {
          const x1 = x(from.column) + WIDTH;
          const y1 = y(from.row) + HEIGHT / 2;
          const x2 = x(to.column);
          const y2 = y(to.row) + HEIGHT / 2;
          const mid = (x1 + x2) / 2;
          return (
            <path
              key={`${from.job.id}-${to.job.id}`}
              d={`M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}`}
              fill="none"
              stroke={theme.palette.divider}
              strokeWidth={2}
            />
          );
        })}
        {layout.nodes.map(({ job, column, row }) => {
          const color = statusColor(theme, job.status);
          const selected = job.id === selectedJobId;
          return (
            <g
              key={job.id}
              className={classes.node}
              transform={`translate(${x(column)},${y(row)})`}
              role="button"
              tabIndex={0}
              aria-pressed={selected}
              aria-label={`${job.name}: ${statusText[job.status]}`}
              onClick={() => onSelect(job.id)}
              onKeyDown={onKey(job.id)}
            >
              <rect
                width={WIDTH}
                height={HEIGHT}
                rx={6}
                fill={
                  selected
                    ? theme.palette.action.selected
                    : theme.palette.background.paper
                }
                stroke={color}
                strokeWidth={selected ? 3 : 2}
              />
              <rect width={6} height={HEIGHT} rx={3} fill={color} />
              <text x={14} y={20} className={classes.name}>
                {clip(job.name, 24)}
              </text>
              <text x={14} y={37} className={classes.detail}>
                {statusText[job.status]}
                {job.startedAt ? (
                  <>
                    {' · '}
                    <Duration item={job} />
                  </>
                ) : (
                  ''
                )}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}
