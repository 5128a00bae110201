import { ResponseError } from '@backstage/errors';
import { PipelineProblem } from '@golive/plugin-pipelines-common';

function asProblems(value: unknown): PipelineProblem[] | undefined {
  if (!Array.isArray(value)) {
    return undefined;
  }
  return value.filter(
    (item): item is PipelineProblem =>
      typeof item === 'object' && item !== null && 'message' in item,
  );
}

/**
 * The problems of an invalid pipeline file carried by a 400 answer of
 * `POST /runs`, or `undefined` for any other error.
 */
export function pipelineProblemsOf(
  error: unknown,
): PipelineProblem[] | undefined {
  if (!ResponseError.is(error) || error.statusCode !== 400) {
    return undefined;
  }
  // routes.md: the backend sends them at `error.problems` of the error
  // body, which ResponseError exposes as its cause.
  const cause = error.cause as unknown as Record<string, unknown>;
  return asProblems(cause.problems);
}
