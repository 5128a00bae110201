import { CustomErrorBase, isError } from '@backstage/errors';

/**
 * Thrown by a job handler to fail the job at once, without retries, such as
 * when the run it works on no longer exists.
 *
 * @public
 */
export class PermanentJobError extends CustomErrorBase {
  name = 'PermanentJobError' as const;

  /**
   * Whether the value is a {@link PermanentJobError}, also one from another
   * copy of this package.
   */
  static is(value: unknown): value is PermanentJobError {
    return isError(value) && value.name === 'PermanentJobError';
  }
}
