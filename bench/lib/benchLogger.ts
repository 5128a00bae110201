import type { LoggerService } from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';

/** Warnings and errors the code under test logged during a benchmark. */
export const loggedProblems: string[] = [];

const MAX_KEPT = 50;

function keep(level: string, message: string, meta?: Error | JsonObject) {
  if (loggedProblems.length < MAX_KEPT) {
    loggedProblems.push(
      `${level}: ${message} ${meta ? JSON.stringify(meta) : ''}`,
    );
  }
}

/**
 * A logger that drops info and debug (their output would cost time inside
 * the measurements) and keeps warnings and errors for the report.
 */
export function createBenchLogger(): LoggerService {
  const logger: LoggerService = {
    error: (message, meta) => keep('error', message, meta),
    warn: (message, meta) => keep('warn', message, meta),
    info: () => undefined,
    debug: () => undefined,
    child: () => logger,
  };
  return logger;
}
