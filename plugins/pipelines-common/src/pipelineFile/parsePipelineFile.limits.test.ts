import { MAX_PIPELINE_FILE_BYTES } from './limits';
import { parsePipelineFile } from './parsePipelineFile';

const VALID = 'name: x\njobs:\n  build:\n    steps: [{ run: make }]\n';

function timed(content: string) {
  const start = Date.now();
  const result = parsePipelineFile(content);
  return { ...result, ms: Date.now() - start };
}

describe('parsePipelineFile limits', () => {
  it('refuses a file over 1 MiB before parsing it', () => {
    const padding = '#'.repeat(MAX_PIPELINE_FILE_BYTES - VALID.length);
    const tooBig = `${VALID}${padding}#`;
    const problem = {
      message:
        'The file is larger than 1048576 bytes (1 MiB), the most a pipeline file may have',
    };

    expect(parsePipelineFile(`${VALID}${padding}`).problems).toEqual([]);
    expect(timed(tooBig)).toEqual({
      problems: [problem],
      ms: expect.any(Number),
    });
    expect(timed(tooBig).ms).toBeLessThan(100);
    // 600,000 characters, but 1.2 MB in UTF-8.
    expect(parsePipelineFile(`name: ${'é'.repeat(600_000)}`).problems).toEqual([
      problem,
    ]);
  });

  it('refuses a billion laughs alias bomb quickly', () => {
    const lines = [
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    ];
    for (const [i, name] of [...'bcdefghi'].entries()) {
      const previous = `*${'abcdefgh'[i]}`;
      lines.push(`${name}: &${name} [${Array(9).fill(previous).join(',')}]`);
    }

    const result = timed(lines.join('\n'));

    expect(result.problems).toEqual([
      {
        message:
          'YAML aliases expand to more than 10000 values, which looks like an alias bomb',
        line: 5,
        column: 8,
      },
    ]);
    expect(result.ms).toBeLessThan(1000);
  });

  it('refuses more than 1000 aliases', () => {
    const aliases = Array(1001).fill('*x').join(', ');

    expect(parsePipelineFile(`x: &x 1\ny: [${aliases}]\n`).problems).toEqual([
      {
        message: 'A file may use at most 1000 YAML aliases',
        line: 2,
        column: 5 + 4 * 1000,
      },
    ]);
  });

  it('allows a few aliases and resolves them', () => {
    const content = [
      'name: x',
      'jobs:',
      '  build:',
      '    steps: &steps',
      '      - run: make',
      '  again:',
      '    steps: *steps',
    ].join('\n');

    const { pipeline } = parsePipelineFile(content);

    expect(pipeline!.jobs.again.steps).toEqual(pipeline!.jobs.build.steps);
  });

  it('refuses an alias to a node that contains it', () => {
    expect(parsePipelineFile('a: &a [1, *a]\n').problems).toEqual([
      {
        message: 'Alias "*a" refers to a node that contains it',
        line: 1,
        column: 11,
      },
    ]);
  });

  it('refuses nesting deeper than 64 levels, while reading', () => {
    const deepFlow = timed('['.repeat(1024 * 1024));
    let indented = '';
    for (let i = 0; i < 1400; i++) {
      indented += `${' '.repeat(i)}a:\n`;
    }
    const deepBlock = timed(indented);

    expect(deepFlow.problems).toEqual([
      { message: 'Nesting is deeper than 64 levels', line: 1, column: 65 },
    ]);
    expect(deepFlow.ms).toBeLessThan(1000);
    expect(deepBlock.problems).toEqual([
      { message: 'Nesting is deeper than 64 levels', line: 65, column: 65 },
    ]);
    expect(deepBlock.ms).toBeLessThan(1000);
    expect(parsePipelineFile('- '.repeat(100_000)).problems).toEqual([
      { message: 'Nesting is deeper than 64 levels', line: 1, column: 129 },
    ]);
  });

  it('allows 64 levels of nesting', () => {
    const jobs = `${'['.repeat(63)}${']'.repeat(63)}`;

    expect(parsePipelineFile(`name: x\njobs: ${jobs}\n`).problems).toEqual([
      {
        message: 'Expected a map, got a list',
        path: 'jobs',
        line: 2,
        column: 7,
      },
    ]);
  });

  it('refuses nesting that goes deeper than 64 levels through an alias', () => {
    const anchored = `${'['.repeat(40)}${']'.repeat(40)}`;
    const content = `a: &a ${anchored}\nb: ${'['.repeat(30)}*a${']'.repeat(
      30,
    )}\n`;

    expect(parsePipelineFile(content).problems).toEqual([
      {
        message: 'Nesting is deeper than 64 levels once aliases are expanded',
        line: 2,
        column: 34,
      },
    ]);
  });

  it('refuses more than one YAML document', () => {
    expect(parsePipelineFile(`${VALID}---\nname: y\n`).problems).toEqual([
      {
        message: 'A pipeline file must hold a single YAML document',
        line: 5,
        column: 1,
      },
    ]);
  });

  it('refuses __proto__ keys', () => {
    const content = `${VALID}    env:\n      __proto__: x\n`;

    expect(parsePipelineFile(content).problems).toEqual([
      { message: 'Key "__proto__" is not allowed', line: 6, column: 7 },
    ]);
  });
});
