import { MAX_JOBS_PER_RUN, MAX_MATRIX_COMBINATIONS } from './limits';
import type { PipelineMatrix } from './types';

type Combination = Record<string, string | number | boolean>;

function matches(combination: Combination, entry: Combination, keys: string[]) {
  return keys.every(key => String(combination[key]) === String(entry[key]));
}

/**
 * The combinations of a matrix: the cartesian product of its axes (the
 * first axis varies slowest), without those that match every key of an
 * `exclude` entry. Then each `include` entry is merged into every
 * combination whose axis values it agrees with, or added as a combination
 * of its own when it agrees with none.
 */
export function expandMatrix(
  matrix: PipelineMatrix,
): { combinations: Combination[] } | { problem: string } {
  const axes = Object.entries(matrix.axes);
  const size = axes.reduce((product, [, values]) => product * values.length, 1);
  if (axes.length > 0 && size > MAX_MATRIX_COMBINATIONS) {
    return {
      problem: `The matrix has ${size} combinations before exclude; at most ${MAX_MATRIX_COMBINATIONS} are allowed`,
    };
  }

  let product: Combination[] = axes.length > 0 ? [{}] : [];
  for (const [axis, values] of axes) {
    product = product.flatMap(partial =>
      values.map(value => ({ ...partial, [axis]: value })),
    );
  }
  const base = product.filter(
    combination =>
      !matrix.exclude.some(entry =>
        matches(combination, entry, Object.keys(entry)),
      ),
  );

  if (base.length > MAX_JOBS_PER_RUN) {
    return {
      problem: `The matrix has ${base.length} combinations after exclude; a run may have at most ${MAX_JOBS_PER_RUN} jobs`,
    };
  }

  const axisNames = new Set(axes.map(([axis]) => axis));
  const added: Combination[] = [];
  for (const entry of matrix.include) {
    const axisKeys = Object.keys(entry).filter(key => axisNames.has(key));
    let merged = false;
    base.forEach((combination, index) => {
      if (matches(combination, entry, axisKeys)) {
        base[index] = { ...combination, ...entry };
        merged = true;
      }
    });
    if (!merged) {
      added.push({ ...entry });
    }
  }

  const combinations = [...base, ...added];
  if (combinations.length === 0) {
    return { problem: 'The matrix has no combinations left after exclude' };
  }
  return { combinations };
}
