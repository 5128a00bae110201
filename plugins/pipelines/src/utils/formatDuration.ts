/** Renders a duration in the units people read at a glance: `1h 2m`, `3m 4s`, `5s`. */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms) || ms < 0) {
    return '—';
  }
  const totalSeconds = Math.round(ms / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (hours > 0) {
    return `${hours}h ${minutes}m`;
  }
  if (minutes > 0) {
    return `${minutes}m ${seconds}s`;
  }
  return `${seconds}s`;
}

/**
 * Duration of something that may still be going: the recorded duration,
 * else the time since it started (`Duration` and `useNow` keep it moving).
 */
export function elapsedMs(
  item: { durationMs?: number; startedAt?: string; finishedAt?: string },
  now: number = Date.now(),
): number | undefined {
  if (item.durationMs !== undefined) {
    return item.durationMs;
  }
  if (!item.startedAt) {
    return undefined;
  }
  const end = item.finishedAt ? Date.parse(item.finishedAt) : now;
  return Math.max(0, end - Date.parse(item.startedAt));
}
