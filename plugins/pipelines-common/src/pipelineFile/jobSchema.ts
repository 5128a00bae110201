import { z } from 'zod';
import { conditionReferences, parseCondition } from './parseCondition';
import { checkCondition } from './checkCondition';
import {
  DEFAULT_JOB_TIMEOUT_MINUTES,
  MAX_RETRIES,
  MAX_TIMEOUT_MINUTES,
} from './limits';
import { matrixSchema, matrixKeys } from './matrixSchema';
import {
  envNameSchema,
  envSchema,
  nameSchema,
  relativePathListSchema,
  relativePathSchema,
} from './schemaParts';

const minutesSchema = z.number().int().min(1).max(MAX_TIMEOUT_MINUTES);

const stepSchema = z.strictObject({
  name: z.string().min(1).optional().describe('Default: the first line of run'),
  run: z
    .string()
    .refine(run => run.trim() !== '', { error: 'Must not be empty' })
    .describe('The script'),
  shell: z.enum(['bash', 'sh']).default('bash'),
  'working-directory': relativePathSchema.optional(),
  env: envSchema.optional(),
  'timeout-minutes': minutesSchema.optional(),
  'continue-on-error': z.boolean().default(false),
});

const conditionSchema = z
  .union([z.string(), z.boolean()])
  .superRefine((condition, ctx) => {
    const problem =
      typeof condition === 'string' ? checkCondition(condition) : undefined;
    if (problem) {
      ctx.addIssue({
        code: 'custom',
        message: `Invalid "if" expression: ${problem}`,
      });
    }
  })
  .describe('Run the job only when this expression holds');

const environmentNameSchema = z.string().min(1).max(100);

/** One job under `jobs`. */
export const jobSchema = z
  .strictObject({
    name: z.string().min(1).optional().describe('Default: the job key'),
    needs: z
      .union([nameSchema, z.array(nameSchema)])
      .optional()
      .describe('Keys of the jobs that must finish first'),
    if: conditionSchema.optional(),
    matrix: matrixSchema.optional(),
    steps: z.array(stepSchema).min(1),
    'timeout-minutes': minutesSchema.default(DEFAULT_JOB_TIMEOUT_MINUTES),
    retries: z.number().int().min(0).max(MAX_RETRIES).default(0),
    artifacts: relativePathListSchema.optional(),
    reports: z
      .strictObject({
        junit: relativePathListSchema.optional(),
        playwright: relativePathListSchema.optional(),
      })
      .optional(),
    cache: z
      .strictObject({ key: z.string().min(1), paths: relativePathListSchema })
      .optional(),
    environment: z
      .union([
        environmentNameSchema,
        z.strictObject({
          name: environmentNameSchema,
          approval: z.boolean().default(false),
        }),
      ])
      .optional()
      .describe('Makes the job a deployment to this environment'),
    env: envSchema.optional(),
    secrets: z
      .array(envNameSchema)
      .optional()
      .describe('Secrets given to the job as environment variables'),
  })
  .superRefine((job, ctx) => {
    if (typeof job.if !== 'string' || checkCondition(job.if)) {
      return;
    }
    const needs = new Set(
      Array.isArray(job.needs) ? job.needs : [job.needs ?? ''],
    );
    const axes = job.matrix ? matrixKeys(job.matrix) : new Set<string>();
    for (const { scope, name } of conditionReferences(parseCondition(job.if))) {
      let message: string | undefined;
      if (scope === 'needs' && !needs.has(name)) {
        message = `"if" reads needs.${name}.result, but "${name}" is not in needs`;
      } else if (scope === 'matrix' && !axes.has(name)) {
        message = `"if" reads matrix.${name}, which is not a matrix key of this job`;
      }
      if (message) {
        ctx.addIssue({ code: 'custom', message, path: ['if'] });
      }
    }
  });
