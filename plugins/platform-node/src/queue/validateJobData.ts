import { InputError } from '@backstage/errors';
import type { JsonObject } from '@backstage/types';

// Job data carries ids only; this bound catches payloads sent by mistake.
const MAX_SERIALIZED_LENGTH = 16 * 1024;

/**
 * Throws unless the data is a plain JSON object whose values are plain
 * JSON too, so that it survives serialization unchanged, and returns its
 * serialized form.
 */
export function validateJobData(data: unknown): string {
  const problem = findProblem(data, 'data', true);
  if (problem) {
    throw new InputError(
      `Invalid job data, ${problem}; job data must be a plain JSON object of ids`,
    );
  }

  const serialized = JSON.stringify(data as JsonObject);
  if (serialized.length > MAX_SERIALIZED_LENGTH) {
    throw new InputError(
      `Invalid job data, it is ${serialized.length} characters long where ${MAX_SERIALIZED_LENGTH} are allowed; job data must carry ids only`,
    );
  }
  return serialized;
}

function findProblem(
  value: unknown,
  path: string,
  root = false,
): string | undefined {
  if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      const problem = findProblem(item, `${path}.${key}`);
      if (problem) {
        return problem;
      }
    }
    return undefined;
  }
  if (root) {
    return `${path} is ${describe(value)} instead of an object`;
  }

  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const problem = findProblem(item, `${path}[${index}]`);
      if (problem) {
        return problem;
      }
    }
    return undefined;
  }
  if (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  ) {
    return undefined;
  }
  return `${path} is ${describe(value)}, which is not JSON`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return false;
  }
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function describe(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'an array';
  }
  if (typeof value === 'object') {
    return `an instance of ${value.constructor?.name ?? 'a class'}`;
  }
  if (typeof value === 'number') {
    return String(value);
  }
  return `of type ${typeof value}`;
}
