import { InputError } from '@backstage/errors';
import type { PipelineInput } from '@golive/plugin-pipelines-common';

/**
 * Checks the inputs of a `workflow_dispatch` start against the workflow's
 * declared inputs and turns them into the strings GitHub takes.
 *
 * @throws InputError naming the first unknown, missing or mistyped input.
 */
export function validateDispatchInputs(
  declared: PipelineInput[],
  given: Record<string, string | boolean>,
): Record<string, string> {
  const byName = new Map(declared.map(input => [input.name, input]));
  for (const name of Object.keys(given)) {
    if (!byName.has(name)) {
      throw new InputError(`Workflow has no input '${name}'`);
    }
  }

  const values: Record<string, string> = {};
  for (const input of declared) {
    const value = given[input.name] ?? input.default;
    if (value === undefined || value === '') {
      if (input.required) {
        throw new InputError(`Input '${input.name}' is required`);
      }
      continue;
    }
    if (input.type === 'boolean') {
      if (typeof value !== 'boolean' && value !== 'true' && value !== 'false') {
        throw new InputError(`Input '${input.name}' must be true or false`);
      }
    } else if (typeof value !== 'string') {
      throw new InputError(`Input '${input.name}' must be text`);
    }
    if (input.type === 'choice' && !input.options?.includes(String(value))) {
      throw new InputError(
        `Input '${input.name}' must be one of ${(input.options ?? [])
          .map(o => `'${o}'`)
          .join(', ')}`,
      );
    }
    values[input.name] = String(value);
  }
  return values;
}
