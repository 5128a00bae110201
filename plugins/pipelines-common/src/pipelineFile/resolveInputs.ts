import type { PipelineInput, PipelineProblem } from '../api/types';

function resolveOne(
  input: PipelineInput,
  given: unknown,
): { value?: string | boolean; problem?: string } {
  if (input.type === 'boolean') {
    if (typeof given === 'boolean') {
      return { value: given };
    }
    if (given === 'true' || given === 'false') {
      return { value: given === 'true' };
    }
    return { problem: `Input "${input.name}" must be true or false` };
  }
  if (typeof given !== 'string') {
    return { problem: `Input "${input.name}" must be text` };
  }
  if (input.type === 'choice' && !input.options?.includes(given)) {
    const options = (input.options ?? []).join(', ');
    return {
      problem: `Input "${input.name}" must be one of: ${options}`,
    };
  }
  return { value: given };
}

/**
 * Checks the inputs given to a run against the pipeline's manual inputs and
 * fills in defaults. Booleans accept `true`/`false` or the text `'true'`/
 * `'false'`; strings and choices need text, and a choice one of its
 * options. A required input needs a value that is not empty, given or by
 * default. Boolean inputs that are neither given nor defaulted are false;
 * other such inputs are left out.
 *
 * @returns the values by input name, and one problem (with the path
 *   `inputs.<name>`) per unknown, missing or invalid input.
 * @public
 */
export function resolveInputs(
  inputs: PipelineInput[],
  given: Record<string, unknown>,
): { values: Record<string, string | boolean>; problems: PipelineProblem[] } {
  const values: Record<string, string | boolean> = {};
  const problems: PipelineProblem[] = [];
  const declared = new Set(inputs.map(input => input.name));

  for (const name of Object.keys(given)) {
    if (!declared.has(name)) {
      problems.push({
        message: `Unknown input "${name}"`,
        path: `inputs.${name}`,
      });
    }
  }

  for (const input of inputs) {
    const path = `inputs.${input.name}`;
    const raw = Object.hasOwn(given, input.name)
      ? given[input.name]
      : undefined;
    const value = raw ?? input.default;
    if (value === undefined || value === '') {
      if (input.required) {
        problems.push({ message: `Input "${input.name}" is required`, path });
      } else if (input.type === 'boolean') {
        values[input.name] = false;
      }
      continue;
    }
    const resolved = resolveOne(input, value);
    if (resolved.problem) {
      problems.push({ message: resolved.problem, path });
    } else {
      values[input.name] = resolved.value!;
    }
  }
  return { values, problems };
}
