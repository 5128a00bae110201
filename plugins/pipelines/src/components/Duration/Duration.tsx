import { useNow } from '../../hooks/useNow';
import { elapsedMs, formatDuration } from '../../utils/formatDuration';

/** Something with a duration: a run, a job or a step. */
export interface Timed {
  durationMs?: number;
  startedAt?: string;
  finishedAt?: string;
}

/** Whether the item's duration is still growing. */
export function isRunning(item: Timed): boolean {
  return (
    item.durationMs === undefined &&
    item.startedAt !== undefined &&
    item.finishedAt === undefined
  );
}

/**
 * The duration of a run, job or step; one still running counts up every
 * second.
 */
export function Duration(props: { item: Timed }) {
  const now = useNow(isRunning(props.item));
  return <>{formatDuration(elapsedMs(props.item, now))}</>;
}
