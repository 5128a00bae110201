import { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { PipelinesExternalSource } from '@golive/plugin-pipelines-node';
import {
  createTestProvider,
  entityWithJobs,
} from './__testUtils__/createTestProvider';
import {
  FakeJenkins,
  startFakeJenkins,
} from './__testUtils__/startFakeJenkins';
import { JenkinsProvider } from './JenkinsProvider';

const T0 = Date.UTC(2026, 2, 1, 9);

describe('JenkinsProvider', () => {
  let jenkins: FakeJenkins;
  let provider: JenkinsProvider;
  let close: () => Promise<void>;
  let entity: Entity;
  let source: PipelinesExternalSource;

  beforeEach(async () => {
    jenkins = await startFakeJenkins({ contextPath: '/jenkins' });
    ({ provider, close } = createTestProvider({ main: jenkins }));
    entity = entityWithJobs('main:shop/web');
    [source] = provider.sourcesOf(entity);
  });

  afterEach(async () => {
    await close();
    await jenkins.stop();
  });

  it('names one source per job of the annotation', () => {
    expect(source).toEqual({
      key: 'main:shop/web',
      label: 'shop/web (main)',
      url: `${jenkins.baseUrl}/job/shop/job/web/`,
    });
    expect(() => provider.sourcesOf(entityWithJobs('other:shop/web'))).toThrow(
      'jenkins.io/job-full-name of component:default/shop-web names Jenkins instance "other", which is not configured (configured: "main")',
    );
    expect(provider.sourcesOf({ ...entity, metadata: { name: 'x' } })).toEqual(
      [],
    );
  });

  it('pages through 250 builds past the newest 100, down to build 1', async () => {
    jenkins.addJob('shop/web');
    for (let i = 0; i < 250; i++) {
      jenkins.addBuild('shop/web');
    }

    const numbers: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await provider.listRuns({
        entity,
        source,
        limit: 100,
        cursor,
      });
      numbers.push(...page.runs.map(run => run.number));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);

    expect(pages).toBe(3);
    expect(numbers).toHaveLength(250);
    expect(numbers[0]).toBe(250);
    expect(numbers.at(-1)).toBe(1);
    expect(new Set(numbers).size).toBe(250);
    expect(
      jenkins.requests.filter(r => r.includes('/api/json?tree=allBuilds')),
    ).toHaveLength(3);
    expect(
      jenkins.requests.some(r => decodeURIComponent(r).endsWith(']{200,301}')),
    ).toBe(true);
  });

  it('maps status, cause, actor, parameters and revision of each build', async () => {
    jenkins.addJob('shop/web');
    jenkins.addBuild('shop/web', {
      result: 'SUCCESS',
      timestamp: T0,
      duration: 61_000,
      causes: [
        {
          _class: 'hudson.triggers.SCMTrigger$SCMTriggerCause',
          shortDescription: 'Started by an SCM change',
        },
      ],
      revision: { sha: 'c'.repeat(40), branch: 'refs/remotes/origin/main' },
    });
    jenkins.addBuild('shop/web', {
      result: 'FAILURE',
      causes: [
        {
          _class: 'hudson.triggers.TimerTrigger$TimerTriggerCause',
          shortDescription: 'Started by timer',
        },
      ],
    });
    jenkins.addBuild('shop/web', {
      result: 'UNSTABLE',
      causes: [
        {
          _class: 'com.cloudbees.jenkins.GitHubPushCause',
          shortDescription: 'Started by GitHub push by octocat',
        },
      ],
    });
    jenkins.addBuild('shop/web', {
      result: 'ABORTED',
      causes: [
        {
          _class: 'hudson.model.Cause$UpstreamCause',
          shortDescription: 'Started by upstream project "shop/lib" build 4',
        },
      ],
    });
    jenkins.addBuild('shop/web', { result: 'NOT_BUILT' });
    jenkins.addBuild('shop/web', {
      result: null,
      building: true,
      causes: [
        {
          _class: 'hudson.model.Cause$UserIdCause',
          shortDescription: 'Started by user Alice',
          userId: 'alice',
          userName: 'Alice',
        },
      ],
      parameters: [
        {
          _class: 'hudson.model.StringParameterValue',
          name: 'TARGET',
          value: 'staging',
        },
        {
          _class: 'hudson.model.BooleanParameterValue',
          name: 'DRY_RUN',
          value: true,
        },
        { _class: 'hudson.model.PasswordParameterValue', name: 'TOKEN' },
      ],
    });

    const { runs, nextCursor } = await provider.listRuns({
      entity,
      source,
      limit: 10,
    });

    expect(nextCursor).toBeUndefined();
    expect(runs.map(r => [r.number, r.status, r.trigger, r.actor])).toEqual([
      [6, 'running', 'manual', 'alice'],
      [5, 'cancelled', 'manual', 'golive-bot'],
      [4, 'cancelled', 'api', 'jenkins'],
      [3, 'failed', 'push', 'octocat'],
      [2, 'failed', 'schedule', 'jenkins'],
      [1, 'succeeded', 'push', 'jenkins'],
    ]);
    expect(runs[0].inputs).toEqual({ TARGET: 'staging', DRY_RUN: true });
    expect(runs[0].finishedAt).toBeUndefined();
    expect(runs[5]).toMatchObject({
      externalId: '1',
      name: 'shop/web',
      sha: 'c'.repeat(40),
      ref: 'main',
      startedAt: new Date(T0).toISOString(),
      finishedAt: new Date(T0 + 61_000).toISOString(),
      url: `${jenkins.baseUrl}/job/shop/job/web/1/`,
    });
  });

  it('rejects a bad limit or cursor', async () => {
    jenkins.addJob('shop/web');
    await expect(
      provider.listRuns({ entity, source, limit: 0 }),
    ).rejects.toThrow('Invalid limit 0: ask for 1 to 500 Jenkins builds');
    await expect(
      provider.listRuns({ entity, source, limit: 10, cursor: 'abc' }),
    ).rejects.toThrow('Invalid Jenkins cursor "abc": not a whole number');
  });

  it('reads the stages of a Pipeline build with their steps', async () => {
    jenkins.addJob('shop/web');
    jenkins.addBuild('shop/web', {
      result: null,
      building: true,
      timestamp: T0,
      stages: [
        {
          id: '6',
          name: 'Build',
          status: 'SUCCESS',
          startTimeMillis: T0 + 1000,
          durationMillis: 20_000,
          steps: [
            {
              id: '7',
              name: 'Shell Script',
              parameterDescription: 'make build',
              status: 'SUCCESS',
              startTimeMillis: T0 + 1500,
              durationMillis: 19_000,
            },
          ],
        },
        {
          id: '12',
          name: 'Approve',
          status: 'PAUSED_PENDING_INPUT',
          startTimeMillis: T0 + 22_000,
          durationMillis: 5_000,
          steps: [
            {
              id: '13',
              name: 'Wait for interactive input',
              status: 'PAUSED_PENDING_INPUT',
              startTimeMillis: T0 + 22_000,
              durationMillis: 5_000,
            },
          ],
        },
        {
          id: '20',
          name: 'Deploy',
          status: 'NOT_EXECUTED',
          startTimeMillis: 0,
          durationMillis: 0,
          steps: [],
        },
      ],
    });

    const run = await provider.getRun({ entity, source, externalId: '1' });

    expect(run?.status).toBe('waiting');
    expect(run?.jobs).toEqual([
      {
        id: '6',
        key: 'Build',
        name: 'Build',
        status: 'succeeded',
        needs: [],
        approvalRequired: false,
        attempt: 1,
        startedAt: new Date(T0 + 1000).toISOString(),
        finishedAt: new Date(T0 + 21_000).toISOString(),
        durationMs: 20_000,
        steps: [
          {
            id: '7',
            index: 0,
            name: 'Shell Script: make build',
            status: 'succeeded',
            startedAt: new Date(T0 + 1500).toISOString(),
            finishedAt: new Date(T0 + 20_500).toISOString(),
            durationMs: 19_000,
          },
        ],
      },
      expect.objectContaining({
        id: '12',
        status: 'waiting',
        steps: [expect.objectContaining({ id: '13', status: 'running' })],
      }),
      expect.objectContaining({ id: '20', status: 'pending', steps: [] }),
    ]);
  });

  it('shows a freestyle build, which has no Stage View, as one job', async () => {
    jenkins.addJob('shop/web', { pipeline: false });
    jenkins.addBuild('shop/web', {
      result: 'FAILURE',
      timestamp: T0,
      duration: 4_000,
    });

    const run = await provider.getRun({ entity, source, externalId: '1' });

    expect(jenkins.requests).toContain(
      'GET /jenkins/job/shop/job/web/1/wfapi/describe',
    );
    expect(run?.status).toBe('failed');
    expect(run?.jobs).toEqual([
      {
        id: 'build',
        key: 'build',
        name: 'shop/web',
        status: 'failed',
        needs: [],
        approvalRequired: false,
        attempt: 1,
        startedAt: new Date(T0).toISOString(),
        finishedAt: new Date(T0 + 4_000).toISOString(),
        durationMs: 4_000,
        steps: [],
      },
    ]);
  });

  it('answers undefined for a build that does not exist and refuses bad ids', async () => {
    jenkins.addJob('shop/web');
    await expect(
      provider.getRun({ entity, source, externalId: '99' }),
    ).resolves.toBeUndefined();
    await expect(
      provider.getRun({ entity, source, externalId: '../../script' }),
    ).rejects.toThrow('Invalid Jenkins build "../../script"');
    await expect(
      provider.getRun({ entity, source, externalId: 'script' }),
    ).rejects.toThrow('Invalid Jenkins build number "script"');
  });

  it('answers NotFoundError for a job Jenkins does not have', async () => {
    await expect(
      provider.listRuns({ entity, source, limit: 5 }),
    ).rejects.toThrow(
      new NotFoundError('Jenkins job "shop/web" does not exist on "main"'),
    );
  });

  it('tails the console across three reads until X-More-Data stops', async () => {
    jenkins.addJob('shop/web');
    const build = jenkins.addBuild('shop/web', {
      result: null,
      building: true,
      log: 'Started by user alice\n',
    });

    const first = await provider.readLog({
      entity,
      source,
      externalId: '1',
      offset: 0,
    });
    expect(first).toEqual({
      text: 'Started by user alice\n',
      nextOffset: 22,
      more: true,
    });

    build.log += '[Pipeline] sh\n+ make — ✓\n';
    const second = await provider.readLog({
      entity,
      source,
      externalId: '1',
      offset: first.nextOffset,
    });
    expect(second.text).toBe('[Pipeline] sh\n+ make — ✓\n');
    expect(second.more).toBe(true);
    expect(second.nextOffset).toBe(Buffer.byteLength(build.log));

    build.log += 'Finished: SUCCESS\n';
    build.building = false;
    build.result = 'SUCCESS';
    const third = await provider.readLog({
      entity,
      source,
      externalId: '1',
      offset: second.nextOffset,
    });
    expect(third).toEqual({
      text: 'Finished: SUCCESS\n',
      nextOffset: Buffer.byteLength(build.log),
      more: false,
    });
    expect(jenkins.requests.filter(r => r.includes('progressiveText'))).toEqual(
      [
        'GET /jenkins/job/shop/job/web/1/logText/progressiveText?start=0',
        'GET /jenkins/job/shop/job/web/1/logText/progressiveText?start=22',
        `GET /jenkins/job/shop/job/web/1/logText/progressiveText?start=${second.nextOffset}`,
      ],
    );
  });

  it('reads the typed parameters of a job', async () => {
    jenkins.addJob('shop/web', {
      parameters: [
        {
          _class: 'hudson.model.ChoiceParameterDefinition',
          name: 'TARGET',
          type: 'ChoiceParameterDefinition',
          description: 'Where to deploy',
          defaultParameterValue: {
            _class: 'hudson.model.StringParameterValue',
            value: 'staging',
          },
          choices: ['staging', 'production'],
        },
        {
          _class: 'hudson.model.BooleanParameterDefinition',
          name: 'DRY_RUN',
          type: 'BooleanParameterDefinition',
          description: '',
          defaultParameterValue: {
            _class: 'hudson.model.BooleanParameterValue',
            value: false,
          },
        },
        {
          _class: 'hudson.model.FileParameterDefinition',
          name: 'BUNDLE',
          type: 'FileParameterDefinition',
        },
      ],
    });

    await expect(provider.getInputs!({ entity, source })).resolves.toEqual([
      {
        name: 'TARGET',
        type: 'choice',
        description: 'Where to deploy',
        required: false,
        options: ['staging', 'production'],
        default: 'staging',
      },
      { name: 'DRY_RUN', type: 'boolean', required: false, default: false },
    ]);
  });
});
