import { parsePipelineFile } from './parsePipelineFile';

/** Joins lines, so that line numbers in the tests are easy to count. */
function yaml(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

describe('parsePipelineFile field checks', () => {
  it('reports unknown fields at their keys, at every level', () => {
    const content = yaml(
      'name: x',
      'version: 2',
      'on:',
      '  push: { branchez: [main] }',
      'jobs:',
      '  build:',
      '    runs-on: linux',
      '    environment: { name: prod, approve: true }',
      '    steps:',
      '      - run: make',
      '        timeout: 5',
    );

    expect(parsePipelineFile(content)).toEqual({
      problems: [
        {
          message: 'Unknown field "version"',
          path: 'version',
          line: 2,
          column: 1,
        },
        {
          message: 'Unknown field "branchez"',
          path: 'on.push.branchez',
          line: 4,
          column: 11,
        },
        {
          message: 'Unknown field "runs-on"',
          path: 'jobs.build.runs-on',
          line: 7,
          column: 5,
        },
        {
          message: 'Unknown field "approve"',
          path: 'jobs.build.environment.approve',
          line: 8,
          column: 32,
        },
        {
          message: 'Unknown field "timeout"',
          path: 'jobs.build.steps[0].timeout',
          line: 11,
          column: 9,
        },
      ],
    });
  });

  it('reports wrong types and values where they are', () => {
    const content = yaml(
      'name: [x]',
      'jobs:',
      '  build:',
      '    timeout-minutes: 1.5',
      '    retries: 9',
      '    needs: 3',
      '    artifacts: [/etc/passwd, ../secrets]',
      '    steps:',
      '      - run: 42',
      '        shell: zsh',
      '        continue-on-error: maybe',
    );

    expect(parsePipelineFile(content).problems).toEqual([
      {
        message: 'Expected text, got a list',
        path: 'name',
        line: 1,
        column: 7,
      },
      {
        message: 'Expected a whole number, got 1.5',
        path: 'jobs.build.timeout-minutes',
        line: 4,
        column: 22,
      },
      {
        message: 'Must be at most 5',
        path: 'jobs.build.retries',
        line: 5,
        column: 14,
      },
      {
        message: 'Expected text or a list, got a number',
        path: 'jobs.build.needs',
        line: 6,
        column: 12,
      },
      {
        message: 'Must be a path relative to the workspace, without ".."',
        path: 'jobs.build.artifacts[0]',
        line: 7,
        column: 17,
      },
      {
        message: 'Must be a path relative to the workspace, without ".."',
        path: 'jobs.build.artifacts[1]',
        line: 7,
        column: 30,
      },
      {
        message: 'Expected text, got a number',
        path: 'jobs.build.steps[0].run',
        line: 9,
        column: 14,
      },
      {
        message: 'Must be one of: bash, sh',
        path: 'jobs.build.steps[0].shell',
        line: 10,
        column: 16,
      },
      {
        message: 'Expected a boolean, got text',
        path: 'jobs.build.steps[0].continue-on-error',
        line: 11,
        column: 28,
      },
    ]);
  });

  it('reports missing name, jobs, steps and run', () => {
    expect(parsePipelineFile(yaml('env: {}')).problems).toEqual([
      {
        message: 'Missing required field "name"',
        path: 'name',
        line: 1,
        column: 1,
      },
      {
        message: 'Missing required field "jobs"',
        path: 'jobs',
        line: 1,
        column: 1,
      },
    ]);

    const content = yaml(
      'name: x',
      'jobs:',
      '  build:',
      '    name: Build',
      '  test:',
      '    steps:',
      '      - name: Unit tests',
      '      - run: "  "',
    );
    expect(parsePipelineFile(content).problems).toEqual([
      {
        message: 'Missing required field "steps"',
        path: 'jobs.build.steps',
        line: 4,
        column: 5,
      },
      {
        message: 'Missing required field "run"',
        path: 'jobs.test.steps[0].run',
        line: 7,
        column: 9,
      },
      {
        message: 'Must not be empty',
        path: 'jobs.test.steps[1].run',
        line: 8,
        column: 14,
      },
    ]);
  });

  it('reports an empty file and a file that is not a map', () => {
    const problem = {
      message:
        'A pipeline file must be a YAML map with at least "name" and "jobs"',
      line: 1,
      column: 1,
    };
    expect(parsePipelineFile('').problems).toEqual([problem]);
    expect(parsePipelineFile('# nothing\n').problems).toEqual([problem]);
    expect(parsePipelineFile('- a\n').problems).toEqual([problem]);
  });

  it('reports YAML syntax errors with their position', () => {
    const content = yaml('name: x', 'jobs:', '  build: [', '');

    expect(parsePipelineFile(content).problems).toEqual([
      {
        message: expect.stringContaining('Flow sequence'),
        line: 5,
        column: 1,
      },
    ]);
  });

  it('reports every duplicate key and goes on validating', () => {
    const content = yaml(
      'name: x',
      'name: y',
      'jobs:',
      '  build:',
      '    steps: [{ run: make }]',
      '    steps: [{ run: make all }]',
      '    colour: blue',
    );

    expect(parsePipelineFile(content)).toEqual({
      problems: [
        { message: 'Duplicate key "name"', line: 2, column: 1 },
        { message: 'Duplicate key "steps"', line: 6, column: 5 },
        {
          message: 'Unknown field "colour"',
          path: 'jobs.build.colour',
          line: 7,
          column: 5,
        },
      ],
    });
  });

  it('reports all problems of a file at once, sorted by position', () => {
    const content = yaml(
      'name: 1',
      'jobs:',
      '  build:',
      '    needs: [nope]',
      '    if: success(1)',
      '    steps: []',
    );

    expect(
      parsePipelineFile(content).problems.map(p => [p.line, p.message]),
    ).toEqual([
      [1, 'Expected text, got a number'],
      [4, 'Job "build" needs "nope", which is not a job of this pipeline'],
      [
        5,
        'Invalid "if" expression: Function "success" takes 0 arguments, got 1 at position 1',
      ],
      [6, 'Must not be empty'],
    ]);
  });
});
