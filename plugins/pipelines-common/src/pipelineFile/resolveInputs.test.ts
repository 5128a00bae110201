import type { PipelineInput } from '../api/types';
import { resolveInputs } from './resolveInputs';

const inputs: PipelineInput[] = [
  {
    name: 'target',
    type: 'choice',
    required: true,
    options: ['staging', 'production'],
    default: 'staging',
  },
  { name: 'dry-run', type: 'boolean', required: false },
  { name: 'verbose', type: 'boolean', required: false, default: true },
  { name: 'version', type: 'string', required: true },
  { name: 'note', type: 'string', required: false },
];

describe('resolveInputs', () => {
  it('takes given values and fills in defaults', () => {
    expect(
      resolveInputs(inputs, { version: '1.2.0', 'dry-run': true }),
    ).toEqual({
      values: {
        target: 'staging',
        'dry-run': true,
        verbose: true,
        version: '1.2.0',
      },
      problems: [],
    });
  });

  it('accepts booleans given as text', () => {
    const { values } = resolveInputs(inputs, {
      version: '1',
      'dry-run': 'true',
      verbose: 'false',
    });

    expect(values).toEqual({
      target: 'staging',
      'dry-run': true,
      verbose: false,
      version: '1',
    });
  });

  it('reports unknown, missing and invalid inputs', () => {
    expect(
      resolveInputs(inputs, {
        target: 'prod',
        'dry-run': 'yes',
        note: 3,
        colour: 'blue',
      }),
    ).toEqual({
      values: { verbose: true },
      problems: [
        { message: 'Unknown input "colour"', path: 'inputs.colour' },
        {
          message: 'Input "target" must be one of: staging, production',
          path: 'inputs.target',
        },
        {
          message: 'Input "dry-run" must be true or false',
          path: 'inputs.dry-run',
        },
        { message: 'Input "version" is required', path: 'inputs.version' },
        { message: 'Input "note" must be text', path: 'inputs.note' },
      ],
    });
  });

  it('counts empty text as not given', () => {
    expect(resolveInputs(inputs, { version: '', note: '' }).problems).toEqual([
      { message: 'Input "version" is required', path: 'inputs.version' },
    ]);
  });

  it('reports every given input when the pipeline has none', () => {
    expect(resolveInputs([], { a: 1 })).toEqual({
      values: {},
      problems: [{ message: 'Unknown input "a"', path: 'inputs.a' }],
    });
  });
});
