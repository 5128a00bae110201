import type { LoggerService } from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';

/** A log entry caught by {@link captureLogs}. */
export interface CapturedLog {
  level: 'error' | 'warn' | 'info' | 'debug';
  message: string;
  meta: JsonObject;
}

/** A logger that keeps its entries, with the metadata of its children. */
export function captureLogs(): { logger: LoggerService; logs: CapturedLog[] } {
  const logs: CapturedLog[] = [];
  const make = (base: JsonObject): LoggerService => {
    const log =
      (level: CapturedLog['level']) =>
      (message: string, meta?: Error | JsonObject) => {
        const extra = meta instanceof Error ? { error: meta.message } : meta;
        logs.push({ level, message, meta: { ...base, ...extra } });
      };
    return {
      error: log('error'),
      warn: log('warn'),
      info: log('info'),
      debug: log('debug'),
      child: meta => make({ ...base, ...meta }),
    };
  };
  return { logger: make({}), logs };
}
