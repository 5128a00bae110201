import { parsePipelineFile } from './parsePipelineFile';

/** Joins lines, so that line numbers in the tests are easy to count. */
function yaml(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

describe('parsePipelineFile pipeline rules', () => {
  it('reports unknown jobs in needs', () => {
    const content = yaml(
      'name: x',
      'jobs:',
      '  build:',
      '    steps: [{ run: make }]',
      '  deploy:',
      '    needs: [build, tset]',
      '    steps: [{ run: make deploy }]',
    );

    expect(parsePipelineFile(content).problems).toEqual([
      {
        message:
          'Job "deploy" needs "tset", which is not a job of this pipeline',
        path: 'jobs.deploy.needs[1]',
        line: 6,
        column: 20,
      },
    ]);
  });

  it('names each cycle in needs, in the order the jobs would run', () => {
    const content = yaml(
      'name: x',
      'jobs:',
      '  build:',
      '    needs: [test]',
      '    steps: [{ run: make }]',
      '  test:',
      '    needs: build',
      '    steps: [{ run: make test }]',
      '  lint:',
      '    needs: [lint]',
      '    steps: [{ run: make lint }]',
      '  a:',
      '    needs: [c]',
      '    steps: [{ run: a }]',
      '  b:',
      '    needs: [a]',
      '    steps: [{ run: b }]',
      '  c:',
      '    needs: [b]',
      '    steps: [{ run: c }]',
    );

    expect(parsePipelineFile(content).problems).toEqual([
      {
        message: 'Jobs need each other in a cycle: build -> test -> build',
        path: 'jobs.build.needs[0]',
        line: 4,
        column: 13,
      },
      {
        message: 'Jobs need each other in a cycle: lint -> lint',
        path: 'jobs.lint.needs[0]',
        line: 10,
        column: 13,
      },
      {
        message: 'Jobs need each other in a cycle: a -> b -> c -> a',
        path: 'jobs.a.needs[0]',
        line: 13,
        column: 13,
      },
    ]);
  });

  it('reports invalid cron expressions', () => {
    const content = yaml(
      'name: x',
      'on:',
      '  schedule:',
      "    - cron: '0 3 * *'",
      "    - cron: '61 * * * *'",
      "    - cron: 'H * * * *'",
      'jobs:',
      '  build:',
      '    steps: [{ run: make }]',
    );

    expect(parsePipelineFile(content).problems).toEqual([
      {
        message:
          'Invalid cron expression "0 3 * *": expected 5 fields (minute hour day-of-month month day-of-week), got 4',
        path: 'on.schedule[0].cron',
        line: 4,
        column: 13,
      },
      {
        message:
          'Invalid cron expression "61 * * * *": Constraint error, got value 61 expected range 0-59',
        path: 'on.schedule[1].cron',
        line: 5,
        column: 13,
      },
      {
        message:
          'Invalid cron expression "H * * * *": the minute field "H" has characters cron does not allow here',
        path: 'on.schedule[2].cron',
        line: 6,
        column: 13,
      },
    ]);
  });

  it('checks if expressions, and what they read, when it validates', () => {
    const content = yaml(
      'name: x',
      'jobs:',
      '  build:',
      "    if: git.branch = 'main'",
      '    steps: [{ run: make }]',
      '  test:',
      "    if: needs.build.result == 'success' && matrix.os == 'linux'",
      '    steps: [{ run: make test }]',
    );

    expect(parsePipelineFile(content).problems).toEqual([
      {
        message:
          'Invalid "if" expression: Unexpected character "=" at position 12 (use "==")',
        path: 'jobs.build.if',
        line: 4,
        column: 9,
      },
      {
        message: '"if" reads needs.build.result, but "build" is not in needs',
        path: 'jobs.test.if',
        line: 7,
        column: 9,
      },
      {
        message: '"if" reads matrix.os, which is not a matrix key of this job',
        path: 'jobs.test.if',
        line: 7,
        column: 9,
      },
    ]);
  });

  it('reports job keys that are not names', () => {
    const content = yaml(
      'name: x',
      'jobs:',
      '  1st:',
      '    steps: [{ run: make }]',
      '  build app:',
      '    steps: [{ run: make }]',
    );
    const reason =
      'must start with a letter or "_" and hold only letters, digits, "_" and "-"';

    expect(parsePipelineFile(content).problems).toEqual([
      {
        message: `Invalid name "1st": ${reason}`,
        path: 'jobs.1st',
        line: 3,
        column: 3,
      },
      {
        message: `Invalid name "build app": ${reason}`,
        path: 'jobs.build app',
        line: 5,
        column: 3,
      },
    ]);
  });

  it('reports bad matrix include and exclude keys', () => {
    const content = yaml(
      'name: x',
      'jobs:',
      '  test:',
      '    matrix:',
      '      node: [20, 22]',
      '      exclude:',
      '        - { nod: 20 }',
      '        - {}',
      '      include:',
      "        - { 'not valid': 1 }",
      '    steps: [{ run: make test }]',
    );

    expect(parsePipelineFile(content).problems).toEqual([
      {
        message: 'Unknown matrix axis "nod" in exclude (axes: node)',
        path: 'jobs.test.matrix.exclude[0].nod',
        line: 7,
        column: 13,
      },
      {
        message: 'An exclude entry needs at least one key',
        path: 'jobs.test.matrix.exclude[1]',
        line: 8,
        column: 11,
      },
      {
        message: 'Invalid matrix key "not valid"',
        path: 'jobs.test.matrix.include[0].not valid',
        line: 10,
        column: 13,
      },
    ]);
  });

  it('reports a run of more than 256 jobs after matrix expansion', () => {
    const axis = (size: number) =>
      `[${Array.from({ length: size }, (_, i) => i).join(', ')}]`;
    const matrix = (a: number, b: number) => [
      '  test:',
      '    matrix:',
      `      a: ${axis(a)}`,
      `      b: ${axis(b)}`,
      '    steps: [{ run: make test }]',
    ];
    const lint = ['  lint:', '    steps: [{ run: make lint }]'];

    expect(
      parsePipelineFile(yaml('name: x', 'jobs:', ...matrix(16, 16), ...lint))
        .problems,
    ).toEqual([
      {
        message: 'The pipeline expands to 257 jobs; a run may have at most 256',
        path: 'jobs',
        line: 3,
        column: 3,
      },
    ]);
    expect(
      parsePipelineFile(yaml('name: x', 'jobs:', ...matrix(16, 17))).problems,
    ).toEqual([
      {
        message:
          'The matrix has 272 combinations after exclude; a run may have at most 256 jobs',
        path: 'jobs.test.matrix',
        line: 5,
        column: 7,
      },
    ]);
  });

  it('checks manual inputs', () => {
    const content = yaml(
      'name: x',
      'on:',
      '  manual:',
      '    inputs:',
      '      target:',
      '        type: choice',
      '      level:',
      '        type: choice',
      '        options: [info, debug]',
      '        default: trace',
      '      force:',
      '        type: boolean',
      "        default: 'yes'",
      '      tag:',
      '        options: [a]',
      'jobs:',
      '  build:',
      '    steps: [{ run: make }]',
    );

    expect(parsePipelineFile(content).problems).toEqual([
      {
        message: 'A choice input needs "options"',
        path: 'on.manual.inputs.target',
        line: 6,
        column: 9,
      },
      {
        message: 'The default "trace" is not one of the options',
        path: 'on.manual.inputs.level.default',
        line: 10,
        column: 18,
      },
      {
        message: 'The default of a boolean input must be true or false',
        path: 'on.manual.inputs.force.default',
        line: 13,
        column: 18,
      },
      {
        message: 'Only choice inputs have "options"',
        path: 'on.manual.inputs.tag.options',
        line: 15,
        column: 18,
      },
    ]);
  });
});
