import type { PipelineInput } from '@golive/plugin-pipelines-common';
import { JenkinsParameterDefinition } from '../client/types';

// Parameters the portal cannot fill in: a file upload, a credentials id
// picker and a run picker need Jenkins' own form.
const UNSUPPORTED_TYPES = new Set([
  'FileParameterDefinition',
  'CredentialsParameterDefinition',
  'RunParameterDefinition',
]);

function defaultString(definition: JenkinsParameterDefinition) {
  const value = definition.defaultParameterValue?.value;
  if (typeof value === 'string') {
    return value;
  }
  return typeof value === 'number' ? String(value) : undefined;
}

/**
 * Whether the portal can fill in a parameter of this type; others keep
 * their default on Jenkins' side.
 */
export function isSupportedParameter(
  definition: JenkinsParameterDefinition,
): boolean {
  return !UNSUPPORTED_TYPES.has(definition.type);
}

/**
 * A Jenkins parameter definition as a typed input of the "Run pipeline"
 * dialog. Passwords become strings without their default; types of other
 * plugins (Git parameter, extended choice) become free strings.
 */
export function mapParameterDefinition(
  definition: JenkinsParameterDefinition,
): PipelineInput {
  const base = {
    name: definition.name,
    description: definition.description || undefined,
    // Jenkins fills in the default of any parameter left out
    required: false,
  };

  switch (definition.type) {
    case 'BooleanParameterDefinition':
      return {
        ...base,
        type: 'boolean',
        default: definition.defaultParameterValue?.value === true,
      };
    case 'ChoiceParameterDefinition': {
      const options = definition.choices ?? [];
      return {
        ...base,
        type: 'choice',
        options,
        default: defaultString(definition) ?? options[0],
      };
    }
    case 'PasswordParameterDefinition':
      return { ...base, type: 'string' };
    default:
      return { ...base, type: 'string', default: defaultString(definition) };
  }
}
