import { InputError } from '@backstage/errors';

const QUEUE_NAME = /^[a-z0-9.-]{1,100}$/;

/**
 * Throws unless the name is 1 to 100 lower-case letters, digits, `.` and
 * `-`, the characters that are safe in Redis keys and log lines alike.
 */
export function validateQueueName(name: unknown): string {
  if (typeof name !== 'string' || !QUEUE_NAME.test(name)) {
    throw new InputError(
      `Invalid queue name "${String(
        name,
      )}", expected 1 to 100 lower-case letters, digits, '.' or '-'`,
    );
  }
  return name;
}
