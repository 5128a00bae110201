import { LogViewer } from '@backstage/core-components';
import { LogLine } from '@golive/plugin-pipelines-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useMemo } from 'react';

export interface StepLogProps {
  lines: LogLine[];
  /** Whether more lines may still arrive. */
  live?: boolean;
  /** Whether the step has not started yet. */
  pending?: boolean;
  /** Shown instead of the usual words when there is no line. */
  emptyText?: string;
}

/**
 * A step's log in Backstage's LogViewer: ANSI colours are drawn, anything
 * else (HTML included) stays plain text, and the viewer's own search finds
 * text within the lines shown.
 */
export function StepLog(props: StepLogProps) {
  const { lines, live, pending, emptyText } = props;
  const text = useMemo(() => lines.map(line => line.text).join('\n'), [lines]);

  if (lines.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        {emptyText}
        {!emptyText && pending && 'This step has not started yet.'}
        {!emptyText &&
          !pending &&
          (live ? 'Waiting for output…' : 'This step wrote nothing.')}
      </Typography>
    );
  }
  return (
    <Box height={Math.min(480, 80 + lines.length * 20)} width="100%">
      <LogViewer text={text} />
    </Box>
  );
}
