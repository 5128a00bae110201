import { InputError } from '@backstage/errors';
import { JenkinsParameterDefinition } from '../client/types';
import { isSupportedParameter } from './mapParameterDefinitions';

/**
 * Checks inputs against a job's parameter definitions and writes them as
 * the form fields of `buildWithParameters`. Throws `InputError` naming the
 * parameter for an unknown name, a wrong type or a value outside a choice.
 */
export function toBuildParameters(
  jobFullName: string,
  definitions: JenkinsParameterDefinition[],
  inputs: Record<string, string | boolean>,
): Record<string, string> {
  const parameters: Record<string, string> = {};
  for (const [name, value] of Object.entries(inputs)) {
    const definition = definitions.find(d => d.name === name);
    const problem = (why: string) =>
      new InputError(
        `Parameter "${name}" of Jenkins job "${jobFullName}" ${why}`,
      );
    if (!definition) {
      throw new InputError(
        `Jenkins job "${jobFullName}" has no parameter "${name}"`,
      );
    }
    if (!isSupportedParameter(definition)) {
      throw problem(
        `is a ${definition.type} and cannot be set from the portal`,
      );
    }

    switch (definition.type) {
      case 'BooleanParameterDefinition':
        if (typeof value === 'boolean') {
          parameters[name] = String(value);
        } else if (value === 'true' || value === 'false') {
          parameters[name] = value;
        } else {
          throw problem(`takes true or false, not "${value}"`);
        }
        break;
      case 'ChoiceParameterDefinition':
        if (typeof value !== 'string' || !definition.choices?.includes(value)) {
          throw problem(
            `takes one of ${(definition.choices ?? [])
              .map(choice => `"${choice}"`)
              .join(', ')}, not "${value}"`,
          );
        }
        parameters[name] = value;
        break;
      default:
        if (typeof value !== 'string') {
          throw problem('takes a string');
        }
        parameters[name] = value;
    }
  }
  return parameters;
}
