import { JenkinsBuild, JenkinsCause } from '../client/types';
import { mapBuild, mapBuildStatus, mapBuildTrigger } from './mapBuild';

function build(overrides: Partial<JenkinsBuild> = {}): JenkinsBuild {
  return {
    number: 7,
    url: 'https://ci.acme.com/job/shop/7/',
    result: 'SUCCESS',
    building: false,
    timestamp: Date.UTC(2026, 5, 1, 12),
    duration: 90_000,
    actions: [],
    ...overrides,
  };
}

const withCauses = (...causes: JenkinsCause[]) =>
  build({ actions: [{}, { _class: 'hudson.model.CauseAction', causes }] });

describe('mapBuildStatus', () => {
  it.each([
    [{ building: true, result: null }, 'running'],
    [{ result: 'SUCCESS' }, 'succeeded'],
    [{ result: 'FAILURE' }, 'failed'],
    [{ result: 'UNSTABLE' }, 'failed'],
    [{ result: 'ABORTED' }, 'cancelled'],
    [{ result: 'NOT_BUILT' }, 'cancelled'],
    [{ result: null }, 'queued'],
  ] as const)('maps %j to %s', (fields, status) => {
    expect(mapBuildStatus(build(fields as Partial<JenkinsBuild>))).toBe(status);
  });
});

describe('mapBuildTrigger', () => {
  it('takes a user cause as manual, whatever else is there', () => {
    expect(
      mapBuildTrigger(
        withCauses(
          { _class: 'hudson.model.Cause$UpstreamCause' },
          {
            _class: 'hudson.model.Cause$UserIdCause',
            userId: 'alice',
            userName: 'Alice A',
          },
        ),
      ),
    ).toEqual({ trigger: 'manual', actor: 'alice' });
  });

  it('takes SCM polling and GitHub pushes as push, with the pusher', () => {
    expect(
      mapBuildTrigger(
        withCauses({
          _class: 'hudson.triggers.SCMTrigger$SCMTriggerCause',
          shortDescription: 'Started by an SCM change',
        }),
      ),
    ).toEqual({ trigger: 'push', actor: 'jenkins' });
    expect(
      mapBuildTrigger(
        withCauses({
          _class: 'com.cloudbees.jenkins.GitHubPushCause',
          shortDescription: 'Started by GitHub push by octocat',
        }),
      ),
    ).toEqual({ trigger: 'push', actor: 'octocat' });
  });

  it('takes the timer as schedule and anything else as api', () => {
    expect(
      mapBuildTrigger(
        withCauses({
          _class: 'hudson.triggers.TimerTrigger$TimerTriggerCause',
          shortDescription: 'Started by timer',
        }),
      ).trigger,
    ).toBe('schedule');
    expect(
      mapBuildTrigger(
        withCauses({
          _class: 'hudson.model.Cause$RemoteCause',
          shortDescription: 'Started by remote host 10.0.0.1',
        }),
      ),
    ).toEqual({ trigger: 'api', actor: 'jenkins' });
    expect(mapBuildTrigger(build()).trigger).toBe('api');
  });
});

describe('mapBuild', () => {
  it('maps parameters, the Git revision and the timings', () => {
    const run = mapBuild(
      build({
        actions: [
          {
            _class: 'hudson.model.ParametersAction',
            parameters: [
              { name: 'TARGET', value: 'staging' },
              { name: 'DRY_RUN', value: true },
              { name: 'RETRIES', value: 3 },
              { name: 'TOKEN' },
            ],
          },
          {
            _class: 'hudson.plugins.git.util.BuildData',
            lastBuiltRevision: {
              SHA1: 'a'.repeat(40),
              branch: [{ name: 'refs/remotes/origin/feature/x' }],
            },
          },
        ],
      }),
      'shop/web',
    );

    expect(run).toEqual({
      externalId: '7',
      number: 7,
      name: 'shop/web',
      status: 'succeeded',
      trigger: 'api',
      actor: 'jenkins',
      sha: 'a'.repeat(40),
      ref: 'feature/x',
      inputs: { TARGET: 'staging', DRY_RUN: true, RETRIES: '3' },
      createdAt: '2026-06-01T12:00:00.000Z',
      startedAt: '2026-06-01T12:00:00.000Z',
      finishedAt: '2026-06-01T12:01:30.000Z',
      url: 'https://ci.acme.com/job/shop/7/',
    });
  });

  it('leaves a running build unfinished', () => {
    const run = mapBuild(build({ building: true, result: null }), 'x');
    expect(run.status).toBe('running');
    expect(run.finishedAt).toBeUndefined();
    expect(run.sha).toBeUndefined();
  });
});
