import type { PipelineInput } from '../api/types';
import { matrixAxes } from './matrixSchema';
import type { RawPipelineFile } from './pipelineFileSchema';
import { toEnv, toList } from './schemaParts';
import type {
  PipelineFile,
  PipelineJob,
  PipelineStep,
  PipelineTriggers,
} from './types';

type RawJob = RawPipelineFile['jobs'][string];
type RawTriggers = NonNullable<RawPipelineFile['on']>;
type RawInputs = NonNullable<NonNullable<RawTriggers['manual']>['inputs']>;

function firstLine(run: string): string {
  return run
    .split('\n')
    .find(line => line.trim() !== '')!
    .trim();
}

function toSteps(steps: RawJob['steps']): PipelineStep[] {
  return steps.map(step => ({
    name: step.name ?? firstLine(step.run),
    run: step.run,
    shell: step.shell,
    ...(step['working-directory'] !== undefined && {
      workingDirectory: step['working-directory'],
    }),
    env: toEnv(step.env),
    ...(step['timeout-minutes'] !== undefined && {
      timeoutMinutes: step['timeout-minutes'],
    }),
    continueOnError: step['continue-on-error'],
  }));
}

function toJob(key: string, job: RawJob): PipelineJob {
  const { environment, matrix, cache } = job;
  return {
    key,
    name: job.name ?? key,
    needs: toList(job.needs),
    ...(job.if !== undefined && { if: String(job.if) }),
    ...(matrix && {
      matrix: {
        axes: matrixAxes(matrix),
        include: matrix.include ?? [],
        exclude: matrix.exclude ?? [],
      },
    }),
    steps: toSteps(job.steps),
    timeoutMinutes: job['timeout-minutes'],
    retries: job.retries,
    artifacts: toList(job.artifacts),
    reports: {
      junit: toList(job.reports?.junit),
      playwright: toList(job.reports?.playwright),
    },
    ...(cache && { cache: { key: cache.key, paths: toList(cache.paths) } }),
    ...(environment !== undefined && {
      environment:
        typeof environment === 'string'
          ? { name: environment, approval: false }
          : environment,
    }),
    env: toEnv(job.env),
    secrets: job.secrets ?? [],
  };
}

function toInputs(inputs: RawInputs | undefined): PipelineInput[] {
  return Object.entries(inputs ?? {}).map(([name, input]) => {
    let value = input.default;
    if (typeof value === 'number') {
      value = String(value);
    }
    return {
      name,
      type: input.type,
      ...(input.description !== undefined && {
        description: input.description,
      }),
      required: input.required,
      ...(value !== undefined && { default: value }),
      ...(input.options && { options: input.options.map(String) }),
    };
  });
}

function toTriggers(on: RawPipelineFile['on']): PipelineTriggers {
  const triggers: PipelineTriggers = {};
  const filter = (globs: string | string[] | undefined) =>
    globs === undefined ? undefined : toList(globs);
  if (on?.push !== undefined) {
    const branches = filter(on.push?.branches);
    const tags = filter(on.push?.tags);
    triggers.push = { ...(branches && { branches }), ...(tags && { tags }) };
  }
  if (on?.pull_request !== undefined) {
    const branches = filter(on.pull_request?.branches);
    triggers.pullRequest = { ...(branches && { branches }) };
  }
  if (on?.schedule) {
    triggers.schedule = on.schedule.map(({ cron }) => ({ cron: cron.trim() }));
  }
  if (on?.manual !== undefined) {
    triggers.manual = { inputs: toInputs(on.manual?.inputs) };
  }
  return triggers;
}

/** Applies defaults and camelCase names to a file the schema accepted. */
export function toPipelineFile(raw: RawPipelineFile): PipelineFile {
  return {
    name: raw.name,
    on: toTriggers(raw.on),
    env: toEnv(raw.env),
    jobs: Object.fromEntries(
      Object.entries(raw.jobs).map(([key, job]) => [key, toJob(key, job)]),
    ),
  };
}
