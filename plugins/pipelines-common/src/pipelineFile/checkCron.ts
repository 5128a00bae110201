import { CronExpressionParser } from 'cron-parser';

const FIELDS = ['minute', 'hour', 'day of month', 'month', 'day of week'];
const NUMERIC = /^[0-9*,/-]+$/;
const NAMED = /^[0-9A-Za-z*,/-]+$/;
const NAMES = new Set([
  ...['jan', 'feb', 'mar', 'apr', 'may', 'jun'],
  ...['jul', 'aug', 'sep', 'oct', 'nov', 'dec'],
  ...['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'],
]);

function checkField(field: string, index: number): string | undefined {
  const allowsNames = index >= 3;
  const words = field.match(/[a-z]+/gi) ?? [];
  if (
    !(allowsNames ? NAMED : NUMERIC).test(field) ||
    words.some(word => !NAMES.has(word.toLowerCase()))
  ) {
    return `the ${FIELDS[index]} field "${field}" has characters cron does not allow here`;
  }
  return undefined;
}

/**
 * Checks a five-field cron expression (minute, hour, day of month, month,
 * day of week). Returns the problem, or `undefined` when it is valid.
 */
export function checkCron(expression: string): string | undefined {
  const trimmed = expression.trim();
  const fields = trimmed ? trimmed.split(/\s+/) : [];
  const prefix = `Invalid cron expression "${expression}"`;
  if (fields.length !== 5) {
    return `${prefix}: expected 5 fields (minute hour day-of-month month day-of-week), got ${fields.length}`;
  }
  const fieldProblem = fields.map(checkField).find(Boolean);
  if (fieldProblem) {
    return `${prefix}: ${fieldProblem}`;
  }
  try {
    CronExpressionParser.parse(fields.join(' '), { tz: 'UTC' });
    return undefined;
  } catch (error) {
    return `${prefix}: ${(error as Error).message}`;
  }
}
