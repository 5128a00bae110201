import { z } from 'zod';
import { jobSchema } from './jobSchema';
import { envSchema, nameSchema } from './schemaParts';
import { triggersSchema } from './triggersSchema';

/**
 * The zod schema of `.golive/pipeline.yaml` as written (kebab-case keys,
 * before defaults that need context, such as step names). Checks that span
 * jobs (`needs` graph, run size) are made by `parsePipelineFile`.
 */
export const pipelineFileSchema = z
  .strictObject({
    name: z.string().min(1).describe('Name of the pipeline'),
    on: triggersSchema.optional(),
    env: envSchema.optional(),
    jobs: z
      .record(nameSchema, jobSchema)
      .refine(jobs => Object.keys(jobs).length > 0, {
        error: 'A pipeline needs at least one job',
      })
      .describe('Jobs by key'),
  })
  .meta({
    title: 'GoLive pipeline',
    description: 'A GoLive pipeline file, .golive/pipeline.yaml',
  });

/** A pipeline file as the schema outputs it. */
export type RawPipelineFile = z.output<typeof pipelineFileSchema>;
