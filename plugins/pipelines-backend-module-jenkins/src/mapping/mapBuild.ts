import type { RunStatus, RunTrigger } from '@golive/plugin-pipelines-common';
import type { PipelinesExternalRun } from '@golive/plugin-pipelines-node';
import { JenkinsAction, JenkinsBuild, JenkinsCause } from '../client/types';

/** Status of a build: `building` wins over the (absent) result. */
export function mapBuildStatus(build: JenkinsBuild): RunStatus {
  if (build.building) {
    return 'running';
  }
  switch (build.result) {
    case 'SUCCESS':
      return 'succeeded';
    case 'FAILURE':
    case 'UNSTABLE':
      return 'failed';
    // NOT_BUILT: the build stopped before it did anything (a skipped
    // multibranch build, an aborted upstream), closest to cancelled.
    case 'ABORTED':
    case 'NOT_BUILT':
      return 'cancelled';
    default:
      // No result and not building: scheduled but not started yet
      return 'queued';
  }
}

const PUSH_CAUSES = [
  'hudson.triggers.SCMTrigger$SCMTriggerCause',
  'com.cloudbees.jenkins.GitHubPushCause',
  'jenkins.branch.BranchEventCause',
  'com.dabsquared.gitlabjenkins.cause.GitLabWebHookCause',
  'com.atlassian.bitbucket.jenkins.internal.trigger.BitbucketWebhookTriggerCause',
];
const PULL_REQUEST_CAUSES = [
  'org.jenkinsci.plugins.ghprb.GhprbCause',
  'org.jenkinsci.plugins.github.pullrequest.GitHubPRCause',
];
const SCHEDULE_CAUSES = [
  'hudson.triggers.TimerTrigger$TimerTriggerCause',
  'org.jenkinsci.plugins.parameterizedscheduler.ParameterizedTimerTriggerCause',
];
const USER_CAUSE = 'hudson.model.Cause$UserIdCause';

function causesOf(build: JenkinsBuild): JenkinsCause[] {
  return (build.actions ?? []).flatMap(action => action?.causes ?? []);
}

/**
 * What started a build and who: a user's click is `manual`, SCM polling
 * and push webhooks are `push`, the cron timer is `schedule`; upstream
 * builds, remote calls and anything else are `api`.
 */
export function mapBuildTrigger(build: JenkinsBuild): {
  trigger: RunTrigger;
  actor: string;
} {
  const causes = causesOf(build);
  const byClass = (classes: string[]) =>
    causes.find(cause => cause._class && classes.includes(cause._class));

  const user = byClass([USER_CAUSE]);
  if (user) {
    return {
      trigger: 'manual',
      actor: user.userId || user.userName || 'anonymous',
    };
  }
  const push = byClass(PUSH_CAUSES);
  if (push) {
    // "Started by GitHub push by octocat"
    const pusher = push.shortDescription?.match(/ push by (\S+)$/)?.[1];
    return { trigger: 'push', actor: pusher ?? 'jenkins' };
  }
  if (byClass(PULL_REQUEST_CAUSES)) {
    return { trigger: 'pull_request', actor: 'jenkins' };
  }
  if (byClass(SCHEDULE_CAUSES)) {
    return { trigger: 'schedule', actor: 'jenkins' };
  }
  const other = causes.find(cause => cause.userId);
  return { trigger: 'api', actor: other?.userId ?? 'jenkins' };
}

/** Build parameters; values Jenkins hides (passwords, files) are left out. */
export function mapBuildInputs(
  build: JenkinsBuild,
): Record<string, string | boolean> {
  const inputs: Record<string, string | boolean> = {};
  for (const action of build.actions ?? []) {
    for (const parameter of action?.parameters ?? []) {
      const value = parameter.value;
      if (typeof value === 'boolean' || typeof value === 'string') {
        inputs[parameter.name] = value;
      } else if (typeof value === 'number') {
        inputs[parameter.name] = String(value);
      }
    }
  }
  return inputs;
}

/** `refs/remotes/origin/main`, `origin/main` and `refs/heads/main` are `main`. */
function branchName(name: string): string {
  return name
    .replace(/^refs\/remotes\/[^/]+\//, '')
    .replace(/^refs\/(heads|tags)\//, '')
    .replace(/^origin\//, '');
}

/** Commit and branch of the first Git checkout of a build, if any. */
export function mapBuildRevision(build: JenkinsBuild): {
  sha?: string;
  ref?: string;
} {
  const revision = (build.actions ?? []).find(
    (
      action,
    ): action is JenkinsAction &
      Required<Pick<JenkinsAction, 'lastBuiltRevision'>> =>
      Boolean(action?.lastBuiltRevision?.SHA1),
  )?.lastBuiltRevision;
  if (!revision) {
    return {};
  }
  const branch = revision.branch?.find(b => b.name)?.name;
  return {
    sha: revision.SHA1,
    ref: branch ? branchName(branch) : undefined,
  };
}

/** A Jenkins build in GoLive's words. */
export function mapBuild(
  build: JenkinsBuild,
  jobFullName: string,
): PipelinesExternalRun {
  const status = mapBuildStatus(build);
  const started = new Date(build.timestamp).toISOString();
  const finished =
    !build.building && build.result
      ? new Date(build.timestamp + Math.max(0, build.duration)).toISOString()
      : undefined;

  return {
    externalId: String(build.number),
    number: build.number,
    name: jobFullName,
    status,
    ...mapBuildTrigger(build),
    ...mapBuildRevision(build),
    inputs: mapBuildInputs(build),
    createdAt: started,
    startedAt: status === 'queued' ? undefined : started,
    finishedAt: finished,
    url: build.url,
  };
}

/**
 * A build of a job inside a multibranch project or folder: its external id
 * names the job (`main/12`), its name reads as the branch
 * (`shop/web/feature/login` for the job `feature%2Flogin`).
 */
export function mapChildBuild(
  build: JenkinsBuild,
  parentFullName: string,
  jobName: string,
): PipelinesExternalRun {
  let label = jobName;
  try {
    label = decodeURIComponent(jobName);
  } catch {
    // not an encoded branch name; shown as it is
  }
  return {
    ...mapBuild(build, `${parentFullName}/${label}`),
    externalId: `${jobName}/${build.number}`,
  };
}
