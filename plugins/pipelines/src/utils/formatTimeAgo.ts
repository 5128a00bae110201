const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];

const format = new Intl.RelativeTimeFormat('en', { numeric: 'always' });

/** Renders a past instant as people say it: `5 minutes ago`, `2 days ago`. */
export function formatTimeAgo(
  iso: string | undefined,
  now: number = Date.now(),
): string | undefined {
  const time = iso ? Date.parse(iso) : NaN;
  if (!Number.isFinite(time)) {
    return undefined;
  }
  const ago = Math.max(0, now - time);
  if (ago < 60_000) {
    return 'just now';
  }
  const [unit, size] = units.find(([, ms]) => ago >= ms)!;
  return format.format(-Math.floor(ago / size), unit);
}
