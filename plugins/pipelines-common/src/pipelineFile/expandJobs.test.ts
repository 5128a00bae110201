import { expandJobs } from './expandJobs';
import { parsePipelineFile } from './parsePipelineFile';
import type { PipelineFile, PipelineJob } from './types';

function job(key: string, fields: Partial<PipelineJob> = {}): PipelineJob {
  return {
    key,
    name: key,
    needs: [],
    steps: [
      {
        name: 'make',
        run: 'make',
        shell: 'bash',
        env: {},
        continueOnError: false,
      },
    ],
    timeoutMinutes: 60,
    retries: 0,
    artifacts: [],
    reports: { junit: [], playwright: [] },
    env: {},
    secrets: [],
    ...fields,
  };
}

function pipeline(...jobs: PipelineJob[]): PipelineFile {
  return {
    name: 'x',
    on: {},
    env: {},
    jobs: Object.fromEntries(jobs.map(j => [j.key, j])),
  };
}

const names = (file: PipelineFile) => expandJobs(file).jobs.map(j => j.name);

describe('expandJobs', () => {
  it('orders jobs after the jobs they need, in file order otherwise', () => {
    const file = pipeline(
      job('deploy', { needs: ['test', 'lint'] }),
      job('test', { needs: ['build'] }),
      job('lint'),
      job('build'),
      job('docs', { needs: ['build'] }),
    );

    const { jobs, problems } = expandJobs(file);

    expect(problems).toEqual([]);
    expect(jobs.map(j => [j.key, j.needs])).toEqual([
      ['lint', []],
      ['build', []],
      ['test', ['build']],
      ['deploy', ['test', 'lint']],
      ['docs', ['build']],
    ]);
    expect(jobs[0].job).toBe(file.jobs.lint);
  });

  it('expands a matrix into the cartesian product of its axes', () => {
    const file = pipeline(
      job('test', {
        matrix: {
          axes: { node: [20, 22], os: ['linux', 'macos'] },
          include: [],
          exclude: [],
        },
      }),
    );

    expect(expandJobs(file).jobs.map(j => [j.key, j.name, j.matrix])).toEqual([
      ['test', 'test (node: 20, os: linux)', { node: 20, os: 'linux' }],
      ['test', 'test (node: 20, os: macos)', { node: 20, os: 'macos' }],
      ['test', 'test (node: 22, os: linux)', { node: 22, os: 'linux' }],
      ['test', 'test (node: 22, os: macos)', { node: 22, os: 'macos' }],
    ]);
  });

  it('removes excluded combinations, then merges or adds include entries', () => {
    const file = pipeline(
      job('test', {
        name: 'Test',
        matrix: {
          axes: { node: [20, 22], os: ['linux', 'macos'] },
          exclude: [{ node: 20, os: 'macos' }],
          include: [
            // Agrees with both node 22 combinations: adds a key to each.
            { node: 22, experimental: true },
            // Agrees with no combination: becomes one of its own.
            { node: 24, os: 'linux' },
            // No axis keys: added to every original combination.
            { shard: 1 },
          ],
        },
      }),
    );

    expect(names(file)).toEqual([
      'Test (node: 20, os: linux, shard: 1)',
      'Test (node: 22, os: linux, experimental: true, shard: 1)',
      'Test (node: 22, os: macos, experimental: true, shard: 1)',
      'Test (node: 24, os: linux)',
    ]);
  });

  it('expands a matrix that has only include entries', () => {
    const file = pipeline(
      job('e2e', {
        matrix: {
          axes: {},
          include: [{ browser: 'chromium' }, { browser: 'firefox' }],
          exclude: [],
        },
      }),
    );

    expect(names(file)).toEqual([
      'e2e (browser: chromium)',
      'e2e (browser: firefox)',
    ]);
  });

  it('keeps every combination of a needed job before the job that needs it', () => {
    const file = pipeline(
      job('report', { needs: ['test'] }),
      job('test', {
        matrix: { axes: { shard: [1, 2, 3] }, include: [], exclude: [] },
      }),
    );

    expect(names(file)).toEqual([
      'test (shard: 1)',
      'test (shard: 2)',
      'test (shard: 3)',
      'report',
    ]);
  });

  it('allows 256 jobs and refuses 257', () => {
    const matrix = (size: number) => ({
      axes: { shard: Array.from({ length: size }, (_, i) => i) },
      include: [],
      exclude: [],
    });

    expect(
      expandJobs(pipeline(job('a', { matrix: matrix(255) }), job('b'))),
    ).toEqual({
      jobs: expect.any(Array),
      problems: [],
    });
    expect(
      expandJobs(pipeline(job('a', { matrix: matrix(256) }), job('b'))),
    ).toEqual({
      jobs: [],
      problems: [
        {
          message:
            'The pipeline expands to 257 jobs; a run may have at most 256',
          path: 'jobs',
        },
      ],
    });
  });

  it('refuses a matrix too large to expand, and one that expands to nothing', () => {
    const axis = Array.from({ length: 100 }, (_, i) => i);
    const file = pipeline(
      job('huge', {
        matrix: {
          axes: { a: axis, b: axis, c: axis },
          include: [],
          exclude: [],
        },
      }),
      job('empty', {
        matrix: {
          axes: { os: ['linux'] },
          include: [],
          exclude: [{ os: 'linux' }],
        },
      }),
    );

    expect(expandJobs(file)).toEqual({
      jobs: [],
      problems: [
        {
          message:
            'The matrix has 1000000 combinations before exclude; at most 4096 are allowed',
          path: 'jobs.huge.matrix',
        },
        {
          message: 'The matrix has no combinations left after exclude',
          path: 'jobs.empty.matrix',
        },
      ],
    });
  });

  it('reports cycles and unknown jobs instead of ordering them', () => {
    const file = pipeline(
      job('build', { needs: ['test'] }),
      job('test', { needs: ['build'] }),
      job('deploy', { needs: ['prod'] }),
    );

    expect(expandJobs(file)).toEqual({
      jobs: [],
      problems: [
        {
          message:
            'Job "deploy" needs "prod", which is not a job of this pipeline',
          path: 'jobs.deploy.needs[0]',
        },
        {
          message: 'Jobs need each other in a cycle: build -> test -> build',
          path: 'jobs.build.needs[0]',
        },
      ],
    });
  });

  it('plans a parsed file in dependency order', () => {
    const { pipeline: example } = parsePipelineFile(
      'name: x\njobs:\n  b:\n    needs: a\n    steps: [{ run: b }]\n  a:\n    steps: [{ run: a }]\n',
    );

    expect(names(example!)).toEqual(['a', 'b']);
  });
});
