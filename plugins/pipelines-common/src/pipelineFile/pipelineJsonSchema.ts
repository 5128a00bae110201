import { z } from 'zod';
import { pipelineFileSchema } from './pipelineFileSchema';

/**
 * The JSON Schema (draft 2020-12) of `.golive/pipeline.yaml`, for editors
 * and the `GET /schema` route. It describes the file as written: defaults
 * are listed and fields that have one are optional. Checks that a schema
 * cannot express (expressions, cron, the `needs` graph) are left to
 * `parsePipelineFile`.
 *
 * @public
 */
export function pipelineJsonSchema(): object {
  return z.toJSONSchema(pipelineFileSchema, {
    io: 'input',
    unrepresentable: 'any',
  });
}
