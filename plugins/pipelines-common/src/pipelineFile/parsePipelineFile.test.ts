import { EXAMPLE_PIPELINE_YAML } from './examplePipelineYaml';
import { parsePipelineFile } from './parsePipelineFile';

/** Joins lines, so that line numbers in the tests are easy to count. */
function yaml(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

const COMPLETE = yaml(
  'name: Everything', // 1
  'on:',
  '  push:',
  '    branches: main',
  "    tags: ['v*']", // 5
  '  pull_request:',
  '  schedule:',
  "    - cron: '0 3 * * 1-5'",
  "    - cron: '*/30 * * * *'",
  '  manual:', // 10
  '    inputs:',
  '      target:',
  '        type: choice',
  '        description: Where to deploy',
  '        required: true', // 15
  '        options: [staging, production]',
  '        default: staging',
  '      dry-run:',
  '        type: boolean',
  '        default: false', // 20
  '      note:',
  '        description: Free text',
  '      build-number:',
  '        default: 42',
  'env:', // 25
  '  NODE_ENV: production',
  '  RETRIES: 3',
  '  VERBOSE: true',
  'jobs:',
  '  lint:', // 30
  '    steps:',
  '      - run: |',
  '',
  '          yarn lint',
  '  test:', // 35
  '    name: Unit tests',
  '    needs: lint',
  "    if: ${{ !startsWith(git.ref, 'refs/tags/') }}",
  '    matrix:',
  '      node: [20, 22]', // 40
  '      os: [linux, macos]',
  '      exclude:',
  '        - { os: macos, node: 20 }',
  '      include:',
  '        - { node: 22, os: linux, coverage: true }', // 45
  '    timeout-minutes: 30',
  '    retries: 2',
  '    env:',
  "      CI: 'true'",
  '    secrets: [NPM_TOKEN]', // 50
  '    cache:',
  '      key: yarn-v1',
  '      paths: .yarn/cache',
  '    artifacts: coverage/**',
  '    reports:', // 55
  '      junit: [reports/junit.xml]',
  '      playwright: playwright-report/**',
  '    steps:',
  '      - name: Install',
  '        run: yarn install --immutable', // 60
  '        shell: sh',
  '        working-directory: app',
  '        env:',
  '          YARN_ENABLE_PROGRESS_BARS: false',
  '        timeout-minutes: 10', // 65
  '        continue-on-error: true',
  '      - run: yarn test --coverage',
  '  deploy:',
  '    needs: [test]',
  "    if: always() && needs.test.result != 'cancelled'", // 70
  '    environment:',
  '      name: production',
  '      approval: true',
  '    steps:',
  '      - run: ./deploy.sh "$TARGET"', // 75
);

const jobDefaults = {
  needs: [],
  timeoutMinutes: 60,
  retries: 0,
  artifacts: [],
  reports: { junit: [], playwright: [] },
  env: {},
  secrets: [],
};

const stepDefaults = { shell: 'bash', env: {}, continueOnError: false };

describe('parsePipelineFile', () => {
  it('reads a file that uses every feature, with defaults applied', () => {
    expect(parsePipelineFile(COMPLETE)).toEqual({
      problems: [],
      pipeline: {
        name: 'Everything',
        on: {
          push: { branches: ['main'], tags: ['v*'] },
          pullRequest: {},
          schedule: [{ cron: '0 3 * * 1-5' }, { cron: '*/30 * * * *' }],
          manual: {
            inputs: [
              {
                name: 'target',
                type: 'choice',
                description: 'Where to deploy',
                required: true,
                options: ['staging', 'production'],
                default: 'staging',
              },
              {
                name: 'dry-run',
                type: 'boolean',
                required: false,
                default: false,
              },
              {
                name: 'note',
                type: 'string',
                description: 'Free text',
                required: false,
              },
              {
                name: 'build-number',
                type: 'string',
                required: false,
                default: '42',
              },
            ],
          },
        },
        env: { NODE_ENV: 'production', RETRIES: '3', VERBOSE: 'true' },
        jobs: {
          lint: {
            ...jobDefaults,
            key: 'lint',
            name: 'lint',
            steps: [
              { ...stepDefaults, name: 'yarn lint', run: '\nyarn lint\n' },
            ],
          },
          test: {
            key: 'test',
            name: 'Unit tests',
            needs: ['lint'],
            if: "${{ !startsWith(git.ref, 'refs/tags/') }}",
            matrix: {
              axes: { node: [20, 22], os: ['linux', 'macos'] },
              exclude: [{ os: 'macos', node: 20 }],
              include: [{ node: 22, os: 'linux', coverage: true }],
            },
            timeoutMinutes: 30,
            retries: 2,
            env: { CI: 'true' },
            secrets: ['NPM_TOKEN'],
            cache: { key: 'yarn-v1', paths: ['.yarn/cache'] },
            artifacts: ['coverage/**'],
            reports: {
              junit: ['reports/junit.xml'],
              playwright: ['playwright-report/**'],
            },
            steps: [
              {
                name: 'Install',
                run: 'yarn install --immutable',
                shell: 'sh',
                workingDirectory: 'app',
                env: { YARN_ENABLE_PROGRESS_BARS: 'false' },
                timeoutMinutes: 10,
                continueOnError: true,
              },
              {
                ...stepDefaults,
                name: 'yarn test --coverage',
                run: 'yarn test --coverage',
              },
            ],
          },
          deploy: {
            ...jobDefaults,
            key: 'deploy',
            name: 'deploy',
            needs: ['test'],
            if: "always() && needs.test.result != 'cancelled'",
            environment: { name: 'production', approval: true },
            steps: [
              {
                ...stepDefaults,
                name: './deploy.sh "$TARGET"',
                run: './deploy.sh "$TARGET"',
              },
            ],
          },
        },
      },
    });
  });

  it('reads the example pipeline without problems', () => {
    const { pipeline, problems } = parsePipelineFile(EXAMPLE_PIPELINE_YAML);

    expect(problems).toEqual([]);
    expect(Object.keys(pipeline!.jobs)).toEqual([
      'build',
      'test',
      'deploy-staging',
      'deploy-production',
    ]);
    expect(pipeline!.jobs.test.reports.junit).toEqual(['reports/junit.xml']);
    expect(pipeline!.jobs['deploy-production'].environment).toEqual({
      name: 'production',
      approval: true,
    });
  });

  it('reads a short environment as a deployment without approval', () => {
    const { pipeline } = parsePipelineFile(
      yaml(
        'name: x',
        'jobs:',
        '  deploy:',
        '    environment: staging',
        '    steps: [{ run: ./deploy.sh }]',
      ),
    );

    expect(pipeline!.jobs.deploy.environment).toEqual({
      name: 'staging',
      approval: false,
    });
  });
});
