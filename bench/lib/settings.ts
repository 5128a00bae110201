/** Reads a whole number from the environment, or the default. */
export function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') {
    return fallback;
  }
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new Error(`${name} must be a whole number of at least 1`);
  }
  return value;
}

/** `BENCH_QUICK=1` divides every default count by ten, for a smoke run. */
const quick = process.env.BENCH_QUICK === '1';

/** A count from its environment variable, else the issue's number. */
export function countFromEnv(name: string, issueNumber: number): number {
  return intFromEnv(
    name,
    quick ? Math.max(1, Math.round(issueNumber / 10)) : issueNumber,
  );
}

export const postgresUrl =
  process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432';
export const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
