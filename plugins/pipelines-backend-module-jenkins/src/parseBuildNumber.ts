import { InputError } from '@backstage/errors';

/** A whole number from 0, as cursors and offsets are; `InputError` otherwise. */
export function parseNonNegativeInteger(value: string, what: string): number {
  const number = /^\d{1,15}$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(number)) {
    throw new InputError(`Invalid ${what} "${value}": not a whole number`);
  }
  return number;
}

/** A Jenkins build number, from 1; `InputError` otherwise. */
export function parseBuildNumber(externalId: string): number {
  const number = parseNonNegativeInteger(externalId, 'Jenkins build number');
  if (number < 1) {
    throw new InputError(`Invalid Jenkins build number "${externalId}"`);
  }
  return number;
}
