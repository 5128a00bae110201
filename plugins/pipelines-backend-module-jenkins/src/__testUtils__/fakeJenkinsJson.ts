import type { JenkinsResult, WfapiStatus } from '../client/types';
import type { FakeBuild, FakeJob, FakeStage } from './fakeJenkinsTypes';

const RANGE = /\{(\d*)(?:,(\d*))?\}$/;

/** The `{from,to}` range that ends a `tree` (or the array whole). */
function applyRange<T>(items: T[], tree: string): T[] {
  const match = tree.match(RANGE);
  if (!match) {
    return items;
  }
  const from = match[1] === '' ? 0 : Number(match[1]);
  let to: number;
  if (match[2] === undefined) {
    to = from + 1;
  } else {
    to = match[2] === '' ? items.length : Number(match[2]);
  }
  return items.slice(from, to);
}

function runStatus(result: JenkinsResult | null): WfapiStatus {
  switch (result) {
    case 'SUCCESS':
      return 'SUCCESS';
    case 'FAILURE':
      return 'FAILED';
    case 'UNSTABLE':
      return 'UNSTABLE';
    default:
      return 'ABORTED';
  }
}

/**
 * The JSON shapes Jenkins documents for jobs, builds and the Pipeline Stage
 * View, as the fake Jenkins answers them.
 */
export function fakeJenkinsJson(options: {
  jobs: Map<string, FakeJob>;
  jobUrl: (fullName: string) => string;
  contextPath: string;
}) {
  const { jobs, jobUrl, contextPath } = options;

  const build = (job: FakeJob, run: FakeBuild) => ({
    _class: job.pipeline
      ? 'org.jenkinsci.plugins.workflow.job.WorkflowRun'
      : 'hudson.model.FreeStyleBuild',
    actions: [
      { _class: 'hudson.model.CauseAction', causes: run.causes },
      ...(run.parameters.length
        ? [
            {
              _class: 'hudson.model.ParametersAction',
              parameters: run.parameters,
            },
          ]
        : []),
      {},
      ...(run.revision
        ? [
            {
              _class: 'hudson.plugins.git.util.BuildData',
              lastBuiltRevision: {
                SHA1: run.revision.sha,
                branch: [{ SHA1: run.revision.sha, name: run.revision.branch }],
              },
            },
          ]
        : []),
    ],
    building: run.building,
    duration: run.duration,
    number: run.number,
    result: run.result,
    timestamp: run.timestamp,
    url: `${jobUrl(job.fullName)}${run.number}/`,
  });

  const newestFirst = (job: FakeJob) =>
    [...job.builds].reverse().map(run => build(job, run));

  const stage = (job: FakeJob, run: FakeBuild, node: FakeStage) => ({
    _links: {
      self: {
        href: `${contextPath}${new URL(jobUrl(job.fullName)).pathname.slice(
          contextPath.length,
        )}${run.number}/execution/node/${node.id}/wfapi/describe`,
      },
    },
    id: node.id,
    name: node.name,
    execNode: '',
    status: node.status,
    startTimeMillis: node.startTimeMillis,
    durationMillis: node.durationMillis,
    pauseDurationMillis: 0,
  });

  /** The branch jobs directly inside a multibranch project. */
  const children = (job: FakeJob) =>
    [...jobs.values()].filter(child => {
      const prefix = `${job.fullName}/`;
      return (
        child.fullName.startsWith(prefix) &&
        !child.fullName.slice(prefix.length).includes('/')
      );
    });

  /** `job/.../api/json` for a `tree`; undefined for a tree it does not serve. */
  const job = (target: FakeJob, tree: string) => {
    const body: Record<string, unknown> = {
      _class: target.pipeline
        ? 'org.jenkinsci.plugins.workflow.job.WorkflowJob'
        : 'hudson.model.FreeStyleProject',
    };
    if (target.multibranch) {
      body._class =
        'org.jenkinsci.plugins.workflow.multibranch.WorkflowMultiBranchProject';
      // jobs[name,_class] or jobs[name,allBuilds[...]{from,to}]: the
      // branch jobs directly inside, with their own builds
      const inner = tree.match(/^jobs\[(.*)\]$/)?.[1];
      if (inner !== undefined) {
        body.jobs = children(target).map(child => ({
          _class: 'org.jenkinsci.plugins.workflow.job.WorkflowJob',
          name: child.fullName.slice(target.fullName.length + 1),
          ...(inner.includes('allBuilds[')
            ? { allBuilds: applyRange(newestFirst(child), inner) }
            : {}),
        }));
      }
    } else if (tree.startsWith('jobs[')) {
      // a job of builds has no jobs: Jenkins leaves the field out
    } else if (tree.startsWith('allBuilds[')) {
      body.allBuilds = applyRange(newestFirst(target), tree);
    } else if (tree.startsWith('builds[')) {
      body.builds = applyRange(newestFirst(target).slice(0, 100), tree);
    } else if (tree.startsWith('property[')) {
      body.property = target.parameters.length
        ? [
            {
              _class: 'hudson.model.ParametersDefinitionProperty',
              parameterDefinitions: target.parameters,
            },
          ]
        : [{ _class: 'com.example.SomeOtherProperty' }];
    } else {
      return undefined;
    }
    return body;
  };

  /** `wfapi/describe` of a build. */
  const pipelineRun = (target: FakeJob, run: FakeBuild, self: string) => ({
    _links: { self: { href: self } },
    id: String(run.number),
    name: `#${run.number}`,
    status: run.building ? 'IN_PROGRESS' : runStatus(run.result),
    startTimeMillis: run.timestamp,
    endTimeMillis: run.timestamp + run.duration,
    durationMillis: run.duration,
    queueDurationMillis: 5,
    pauseDurationMillis: 0,
    stages: (run.stages ?? []).map(node => stage(target, run, node)),
  });

  /** `execution/node/<id>/wfapi/describe` of a stage, with its steps. */
  const stageWithSteps = (
    target: FakeJob,
    run: FakeBuild,
    node: FakeStage,
  ) => ({
    ...stage(target, run, node),
    stageFlowNodes: node.steps.map(step => ({
      _links: {
        self: { href: `/execution/node/${step.id}/wfapi/describe` },
      },
      execNode: '',
      pauseDurationMillis: 0,
      parentNodes: [node.id],
      ...step,
    })),
  });

  return { build, job, pipelineRun, stageWithSteps };
}
