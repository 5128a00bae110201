import { JenkinsParameterDefinition } from '../client/types';
import { mapParameterDefinition } from './mapParameterDefinitions';
import { toBuildParameters } from './toBuildParameters';

const definitions: JenkinsParameterDefinition[] = [
  {
    name: 'TARGET',
    type: 'ChoiceParameterDefinition',
    choices: ['staging', 'production'],
    defaultParameterValue: { value: 'staging' },
  },
  {
    name: 'DRY_RUN',
    type: 'BooleanParameterDefinition',
    defaultParameterValue: { value: true },
  },
  {
    name: 'NOTES',
    type: 'TextParameterDefinition',
    description: 'Release notes',
    defaultParameterValue: { value: '' },
  },
  {
    name: 'TOKEN',
    type: 'PasswordParameterDefinition',
    defaultParameterValue: { value: '' },
  },
  { name: 'BUNDLE', type: 'FileParameterDefinition' },
];

describe('mapParameterDefinition', () => {
  it('maps choices, booleans, text and passwords', () => {
    expect(definitions.slice(0, 4).map(mapParameterDefinition)).toEqual([
      {
        name: 'TARGET',
        type: 'choice',
        required: false,
        options: ['staging', 'production'],
        default: 'staging',
      },
      { name: 'DRY_RUN', type: 'boolean', required: false, default: true },
      {
        name: 'NOTES',
        type: 'string',
        description: 'Release notes',
        required: false,
        default: '',
      },
      { name: 'TOKEN', type: 'string', required: false },
    ]);
  });
});

describe('toBuildParameters', () => {
  it('writes valid inputs as form fields', () => {
    expect(
      toBuildParameters('deploy', definitions, {
        TARGET: 'production',
        DRY_RUN: false,
        NOTES: 'x',
      }),
    ).toEqual({ TARGET: 'production', DRY_RUN: 'false', NOTES: 'x' });
  });

  it.each([
    [{ NOPE: 'x' }, 'Jenkins job "deploy" has no parameter "NOPE"'],
    [
      { TARGET: 'qa' },
      'Parameter "TARGET" of Jenkins job "deploy" takes one of "staging", "production", not "qa"',
    ],
    [{ DRY_RUN: 'yes' }, 'takes true or false, not "yes"'],
    [
      { NOTES: true },
      'Parameter "NOTES" of Jenkins job "deploy" takes a string',
    ],
    [{ BUNDLE: 'a.zip' }, 'is a FileParameterDefinition and cannot be set'],
  ])('rejects %j', (inputs, message) => {
    expect(() => toBuildParameters('deploy', definitions, inputs)).toThrow(
      message,
    );
  });
});
