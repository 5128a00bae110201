import { z } from 'zod';
import { NAME_PATTERN } from './limits';
import { scalarSchema } from './schemaParts';

type Scalar = string | number | boolean;

/** A matrix as written: axes plus the `include` and `exclude` lists. */
export interface RawMatrix {
  include?: Record<string, Scalar>[];
  exclude?: Record<string, Scalar>[];
  [axis: string]: Scalar[] | Record<string, Scalar>[] | undefined;
}

const RESERVED = new Set(['include', 'exclude']);

/** The axes of a matrix as written, by name. */
export function matrixAxes(matrix: RawMatrix): Record<string, Scalar[]> {
  return Object.fromEntries(
    Object.entries(matrix).filter(([key]) => !RESERVED.has(key)),
  ) as Record<string, Scalar[]>;
}

/** Every key a combination of the matrix can have: axes and include keys. */
export function matrixKeys(matrix: RawMatrix): Set<string> {
  return new Set([
    ...Object.keys(matrixAxes(matrix)),
    ...(matrix.include ?? []).flatMap(entry => Object.keys(entry)),
  ]);
}

const combinationSchema = z.record(z.string(), scalarSchema);

/** A job's `matrix`. */
export const matrixSchema = z
  .object({
    include: z
      .array(combinationSchema)
      .optional()
      .describe('Combinations to add, or values to add to matching ones'),
    exclude: z
      .array(combinationSchema)
      .optional()
      .describe('Combinations to remove: every listed axis must match'),
  })
  .catchall(z.array(scalarSchema).min(1))
  .superRefine((value, ctx) => {
    const matrix = value as RawMatrix;
    const axes = Object.keys(matrixAxes(matrix));
    const fail = (message: string, path: (string | number)[]) =>
      ctx.addIssue({ code: 'custom', message, path, params: { at: 'key' } });
    const badName = (name: string) => !NAME_PATTERN.test(name);

    axes.filter(badName).forEach(axis => {
      fail(`Invalid matrix axis name "${axis}"`, [axis]);
    });
    if (axes.length === 0 && !matrix.include?.length) {
      ctx.addIssue({
        code: 'custom',
        message: 'A matrix needs at least one axis or include entry',
      });
    }
    for (const list of ['include', 'exclude'] as const) {
      matrix[list]?.forEach((entry, index) => {
        const keys = Object.keys(entry);
        if (keys.length === 0) {
          ctx.addIssue({
            code: 'custom',
            message: `An ${list} entry needs at least one key`,
            path: [list, index],
          });
        }
        for (const key of keys) {
          if (list === 'exclude' && !axes.includes(key)) {
            const known = axes.length ? axes.join(', ') : 'none';
            fail(`Unknown matrix axis "${key}" in exclude (axes: ${known})`, [
              list,
              index,
              key,
            ]);
          } else if (badName(key)) {
            fail(`Invalid matrix key "${key}"`, [list, index, key]);
          }
        }
      });
    }
  });
