import { InputError } from '@backstage/errors';
import { randomUUID } from 'node:crypto';
import type { AddJobOptions } from './types';

const JOB_ID = /^[A-Za-z0-9._-]{1,200}$/;

/** {@link AddJobOptions} after validation, with defaults applied. */
export interface ResolvedJobOptions {
  jobId: string;
  /** False when the id was generated, so it cannot be a duplicate. */
  jobIdGiven: boolean;
  delayMs: number;
  attempts: number;
  backoffDelayMs: number;
}

/**
 * Validates the options of an add and fills in the defaults. Both queue
 * implementations use it, so they accept and reject the same input.
 */
export function resolveJobOptions(options?: AddJobOptions): ResolvedJobOptions {
  const jobId = options?.jobId;
  // BullMQ reserves integer ids for the ids it generates itself.
  if (jobId !== undefined && (!JOB_ID.test(jobId) || /^\d+$/.test(jobId))) {
    throw new InputError(
      `Invalid job id "${jobId}", expected up to 200 letters, digits, '.', '_' or '-', not only digits`,
    );
  }

  return {
    jobId: jobId ?? randomUUID(),
    jobIdGiven: jobId !== undefined,
    delayMs: wholeNumber('delayMs', options?.delayMs ?? 0, 0),
    attempts: wholeNumber('attempts', options?.attempts ?? 3, 1),
    backoffDelayMs: wholeNumber(
      'backoffDelayMs',
      options?.backoffDelayMs ?? 1000,
      0,
    ),
  };
}

function wholeNumber(name: string, value: number, min: number): number {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new InputError(
      `Invalid job option ${name} ${value}, expected a whole number of at least ${min}`,
    );
  }
  return value;
}
