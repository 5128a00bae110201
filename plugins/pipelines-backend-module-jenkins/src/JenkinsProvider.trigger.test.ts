import { Entity } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
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

const DEPLOY_PARAMETERS = [
  {
    _class: 'hudson.model.ChoiceParameterDefinition',
    name: 'TARGET',
    type: 'ChoiceParameterDefinition',
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
    defaultParameterValue: {
      _class: 'hudson.model.BooleanParameterValue',
      value: false,
    },
  },
  {
    _class: 'hudson.model.StringParameterDefinition',
    name: 'VERSION',
    type: 'StringParameterDefinition',
    defaultParameterValue: {
      _class: 'hudson.model.StringParameterValue',
      value: 'latest',
    },
  },
];

describe('JenkinsProvider triggers', () => {
  let jenkins: FakeJenkins;
  let provider: JenkinsProvider;
  let close: () => Promise<void>;
  let entity: Entity;
  let deploy: PipelinesExternalSource;
  let lint: PipelinesExternalSource;

  beforeEach(async () => {
    jenkins = await startFakeJenkins();
    ({ provider, close } = createTestProvider({ default: jenkins }));
    jenkins.addJob('shop/deploy', { parameters: DEPLOY_PARAMETERS });
    jenkins.addJob('shop/lint', { pipeline: false });
    entity = entityWithJobs('shop/deploy, shop/lint');
    [deploy, lint] = provider.sourcesOf(entity);
  });

  afterEach(async () => {
    await close();
    await jenkins.stop();
  });

  it('has a fake that refuses POSTs without a crumb of the same session', async () => {
    const auth = {
      authorization: `Basic ${Buffer.from(
        `${jenkins.username}:${jenkins.apiKey}`,
      ).toString('base64')}`,
    };
    const post = (headers: Record<string, string>) =>
      fetch(`${jenkins.baseUrl}/job/shop/job/lint/build`, {
        method: 'POST',
        headers: { ...auth, ...headers },
      });

    expect((await post({})).status).toBe(403);
    const issued = await fetch(`${jenkins.baseUrl}/crumbIssuer/api/json`, {
      headers: auth,
    });
    const { crumb, crumbRequestField } = await issued.json();
    const cookie = issued.headers.getSetCookie()[0].split(';')[0];

    expect((await post({ [crumbRequestField]: crumb })).status).toBe(403);
    expect((await post({ [crumbRequestField]: 'forged', cookie })).status).toBe(
      403,
    );
    expect((await post({ [crumbRequestField]: crumb, cookie })).status).toBe(
      201,
    );
  });

  it('starts a build with parameters, sending the crumb and its session cookie', async () => {
    await provider.trigger!({
      entity,
      source: deploy,
      inputs: { TARGET: 'production', DRY_RUN: true },
      actor: 'user:default/alice',
    });

    expect(jenkins.job('shop/deploy').started).toEqual([
      { TARGET: 'production', DRY_RUN: 'true' },
    ]);
    expect(jenkins.requests.slice(-2)).toEqual([
      'GET /crumbIssuer/api/json',
      'POST /job/shop/job/deploy/buildWithParameters',
    ]);
    const { runs } = await provider.listRuns({
      entity,
      source: deploy,
      limit: 5,
    });
    expect(runs).toEqual([
      expect.objectContaining({
        number: 1,
        status: 'running',
        inputs: { TARGET: 'production', DRY_RUN: true, VERSION: 'latest' },
      }),
    ]);
  });

  it('starts a job without parameters through /build', async () => {
    await provider.trigger!({
      entity,
      source: lint,
      inputs: {},
      actor: 'user:default/alice',
    });

    expect(jenkins.job('shop/lint').started).toEqual([{}]);
    expect(jenkins.requests.at(-1)).toBe('POST /job/shop/job/lint/build');
  });

  it('refuses inputs that do not fit the job and starts nothing', async () => {
    await expect(
      provider.trigger!({
        entity,
        source: deploy,
        inputs: { TARGET: 'moon' },
        actor: 'user:default/alice',
      }),
    ).rejects.toThrow(
      new InputError(
        'Parameter "TARGET" of Jenkins job "shop/deploy" takes one of "staging", "production", not "moon"',
      ),
    );
    await expect(
      provider.trigger!({
        entity,
        source: lint,
        inputs: { FORCE: true },
        actor: 'user:default/alice',
      }),
    ).rejects.toThrow('Jenkins job "shop/lint" has no parameter "FORCE"');

    expect(jenkins.job('shop/deploy').started).toEqual([]);
    expect(jenkins.job('shop/lint').started).toEqual([]);
    expect(jenkins.requests.some(r => r.startsWith('POST'))).toBe(false);
  });

  it('reruns a build with its own parameters', async () => {
    jenkins.addBuild('shop/deploy', {
      result: 'FAILURE',
      parameters: [
        {
          _class: 'hudson.model.StringParameterValue',
          name: 'TARGET',
          value: 'production',
        },
        {
          _class: 'hudson.model.BooleanParameterValue',
          name: 'DRY_RUN',
          value: true,
        },
        {
          _class: 'hudson.model.StringParameterValue',
          name: 'VERSION',
          value: '1.4.2',
        },
        {
          _class: 'hudson.model.StringParameterValue',
          name: 'REMOVED_SINCE',
          value: 'x',
        },
      ],
    });

    await provider.rerun!({
      entity,
      source: deploy,
      externalId: '1',
      actor: 'user:default/alice',
    });

    expect(jenkins.job('shop/deploy').started).toEqual([
      { TARGET: 'production', DRY_RUN: 'true', VERSION: '1.4.2' },
    ]);
    const { runs } = await provider.listRuns({
      entity,
      source: deploy,
      limit: 5,
    });
    expect(runs.map(r => [r.number, r.status])).toEqual([
      [2, 'running'],
      [1, 'failed'],
    ]);
    await expect(
      provider.rerun!({
        entity,
        source: deploy,
        externalId: '40',
        actor: 'user:default/alice',
      }),
    ).rejects.toThrow(
      new NotFoundError(
        'Build 40 of Jenkins job "shop/deploy" does not exist on "default"',
      ),
    );
  });

  it('refuses a source the entity does not name', async () => {
    await expect(
      provider.trigger!({
        entity: entityWithJobs('shop/lint'),
        source: deploy,
        inputs: {},
        actor: 'user:default/mallory',
      }),
    ).rejects.toThrow(
      new NotFoundError(
        'component:default/shop-web has no Jenkins job "default:shop/deploy"',
      ),
    );
    expect(jenkins.requests).toEqual([]);
  });
});
