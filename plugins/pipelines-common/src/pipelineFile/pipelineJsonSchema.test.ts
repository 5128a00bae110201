import { pipelineJsonSchema } from './pipelineJsonSchema';

type Schema = Record<string, any>;

describe('pipelineJsonSchema', () => {
  const schema = pipelineJsonSchema() as Schema;
  const job = schema.properties.jobs.additionalProperties;
  const step = job.properties.steps.items;

  it('describes the file as written, with kebab-case keys and defaults', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.title).toBe('GoLive pipeline');
    expect(schema.required).toEqual(['name', 'jobs']);
    expect(Object.keys(schema.properties)).toEqual([
      'name',
      'on',
      'env',
      'jobs',
    ]);
    expect(schema.properties.jobs.propertyNames.pattern).toBe(
      '^[a-zA-Z_][a-zA-Z0-9_-]*$',
    );
    expect(job.required).toEqual(['steps']);
    expect(job.properties['timeout-minutes']).toEqual({
      default: 60,
      type: 'integer',
      minimum: 1,
      maximum: 1440,
    });
    expect(job.properties.retries).toEqual({
      default: 0,
      type: 'integer',
      minimum: 0,
      maximum: 5,
    });
    expect(step.required).toEqual(['run']);
    expect(step.properties.shell).toEqual({
      default: 'bash',
      type: 'string',
      enum: ['bash', 'sh'],
    });
    expect(Object.keys(schema.properties.on.properties)).toEqual([
      'push',
      'pull_request',
      'schedule',
      'manual',
    ]);
  });

  it('refuses unknown fields in every fixed object', () => {
    expect(schema.additionalProperties).toBe(false);
    expect(job.additionalProperties).toBe(false);
    expect(step.additionalProperties).toBe(false);
    expect(job.properties.reports.additionalProperties).toBe(false);
  });

  it('returns a new object on every call', () => {
    expect(pipelineJsonSchema()).not.toBe(pipelineJsonSchema());
    expect(pipelineJsonSchema()).toEqual(pipelineJsonSchema());
  });
});
