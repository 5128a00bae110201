import { spawnBare } from './pipelineRig';
import type { PipelineRig } from './pipelineRig';
import { wallClockMs } from './stats';

/** A step that notes who it is and when it started, in microseconds. */
export const MARK_COMMAND = 'echo "$MARK_ID $(date +%s%6N)" >> "$MARKS"';

/** Marks file contents to id -> start time in ms since the epoch. */
export function parseMarks(text: string): Map<string, number> {
  const marks = new Map<string, number>();
  for (const line of text.split('\n')) {
    const [id, micros] = line.trim().split(' ');
    if (id && micros) marks.set(id, Number(micros) / 1000);
  }
  return marks;
}

/** Mark time minus send time, for every sent id that left a mark. */
export function latencies(
  sent: Map<string, number>,
  marks: Map<string, number>,
): number[] {
  const values: number[] = [];
  for (const [id, at] of sent) {
    const mark = marks.get(id);
    if (mark !== undefined) values.push(mark - at);
  }
  return values;
}

/**
 * The raw baseline of the orchestrator benchmarks: BullMQ `add`, a worker
 * under the rig's prefix, a bare spawn of the mark command. Each call sends
 * one job and resolves when its process has exited.
 */
export function bareDispatch(options: {
  rig: PipelineRig;
  queueName: string;
  marks: string;
  concurrency: number;
}): () => Promise<{ id: string; sentAt: number }> {
  const done = new Map<string, () => void>();
  const { queue } = options.rig.rawQueue<{ id: string }>(
    options.queueName,
    async ({ id }) => {
      await spawnBare(MARK_COMMAND, { MARK_ID: id, MARKS: options.marks });
      done.get(id)?.();
    },
    options.concurrency,
  );
  let count = 0;
  return async () => {
    const id = `bare-${(count += 1)}`;
    const finished = new Promise<void>(resolve => done.set(id, resolve));
    const sentAt = wallClockMs();
    await queue.add('dispatch', { id }, { removeOnComplete: 100 });
    await finished;
    done.delete(id);
    return { id, sentAt };
  };
}
