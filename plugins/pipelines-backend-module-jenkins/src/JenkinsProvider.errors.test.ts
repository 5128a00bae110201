import { NotAllowedError, ServiceUnavailableError } from '@backstage/errors';
import {
  createTestProvider,
  entityWithJobs,
} from './__testUtils__/createTestProvider';
import {
  FakeJenkins,
  startFakeJenkins,
} from './__testUtils__/startFakeJenkins';

describe('JenkinsProvider errors and instances', () => {
  const fakes: FakeJenkins[] = [];
  const closers: Array<() => Promise<void>> = [];

  async function start() {
    const fake = await startFakeJenkins();
    fakes.push(fake);
    fake.addJob('shop/web');
    fake.addBuild('shop/web');
    return fake;
  }

  function provide(...args: Parameters<typeof createTestProvider>) {
    const created = createTestProvider(...args);
    closers.push(created.close);
    return created.provider;
  }

  afterEach(async () => {
    await Promise.all(closers.splice(0).map(close => close()));
    await Promise.all(fakes.splice(0).map(fake => fake.stop().catch(() => {})));
  });

  it('names the credentials when Jenkins refuses them', async () => {
    const jenkins = await start();
    const provider = provide(
      { main: jenkins },
      { apiKeys: { main: 'wrong-token' } },
    );
    const entity = entityWithJobs('main:shop/web');
    const [source] = provider.sourcesOf(entity);

    await expect(
      provider.listRuns({ entity, source, limit: 5 }),
    ).rejects.toThrow(
      new NotAllowedError(
        'Jenkins "main" refused the credentials of user "golive-bot" (HTTP 401); check its username and apiKey in the jenkins config',
      ),
    );
  });

  it('names the permission when Jenkins denies a build', async () => {
    const jenkins = await start();
    jenkins.addJob('shop/locked', { readOnly: true });
    const provider = provide({ main: jenkins });
    const entity = entityWithJobs('main:shop/locked');
    const [source] = provider.sourcesOf(entity);

    await expect(
      provider.trigger!({ entity, source, inputs: {}, actor: 'a' }),
    ).rejects.toThrow(
      new NotAllowedError(
        'Jenkins "main" denied user "golive-bot" access to /job/shop/job/locked/build (HTTP 403); the user needs Overall/Read, Job/Read and Job/Build',
      ),
    );
  });

  it('says to turn the crumb on when Jenkins refuses a POST without one', async () => {
    const jenkins = await start();
    const provider = provide({ main: jenkins }, { crumbIssuer: false });
    const entity = entityWithJobs('main:shop/web');
    const [source] = provider.sourcesOf(entity);

    await expect(
      provider.trigger!({ entity, source, inputs: {}, actor: 'a' }),
    ).rejects.toThrow(
      new NotAllowedError(
        'Jenkins "main" wants a CSRF crumb (HTTP 403); set crumbIssuer to true for it in the jenkins config',
      ),
    );
    expect(jenkins.job('shop/web').started).toEqual([]);
  });

  it('reports a stopped Jenkins as not answering', async () => {
    const jenkins = await start();
    const provider = provide({ main: jenkins });
    const entity = entityWithJobs('main:shop/web');
    const [source] = provider.sourcesOf(entity);
    await jenkins.stop();

    const outage = new ServiceUnavailableError(
      'Jenkins "main" is not answering',
    );
    await expect(
      provider.listRuns({ entity, source, limit: 5 }),
    ).rejects.toThrow(outage);
    await expect(
      provider.getRun({ entity, source, externalId: '1' }),
    ).rejects.toThrow(outage);
    await expect(
      provider.readLog({ entity, source, externalId: '1', offset: 0 }),
    ).rejects.toThrow(outage);
    await expect(
      provider.trigger!({ entity, source, inputs: {}, actor: 'a' }),
    ).rejects.toThrow(outage);
    await expect(
      provider.listRuns({ entity, source, limit: 5 }),
    ).rejects.toBeInstanceOf(ServiceUnavailableError);
  });

  it('reports 5xx answers and timeouts as not answering', async () => {
    const jenkins = await start();
    const provider = provide({ main: jenkins }, { timeoutMs: 300 });
    const entity = entityWithJobs('main:shop/web');
    const [source] = provider.sourcesOf(entity);
    const outage = new ServiceUnavailableError(
      'Jenkins "main" is not answering',
    );

    jenkins.failWith(503);
    await expect(
      provider.listRuns({ entity, source, limit: 5 }),
    ).rejects.toThrow(outage);

    jenkins.failWith(undefined);
    jenkins.hang(true);
    const started = Date.now();
    await expect(
      provider.getRun({ entity, source, externalId: '1' }),
    ).rejects.toThrow(outage);
    expect(Date.now() - started).toBeLessThan(3_000);

    jenkins.hang(false);
    await expect(
      provider.listRuns({ entity, source, limit: 5 }),
    ).resolves.toMatchObject({ runs: [{ number: 1 }] });
  });

  it('reads several jobs on several instances for one entity', async () => {
    const main = await start();
    const legacy = await start();
    main.addJob('shop/api');
    main.addBuild('shop/web');
    legacy.addJob('deploy/prod');
    for (let i = 0; i < 3; i++) {
      legacy.addBuild('deploy/prod');
    }
    const provider = provide({ default: main, legacy });
    const entity = entityWithJobs('shop/web, legacy:deploy/prod,shop/api');

    const sources = provider.sourcesOf(entity);
    expect(sources.map(s => [s.key, s.label, s.url])).toEqual([
      ['default:shop/web', 'shop/web', `${main.baseUrl}/job/shop/job/web/`],
      [
        'legacy:deploy/prod',
        'deploy/prod (legacy)',
        `${legacy.baseUrl}/job/deploy/job/prod/`,
      ],
      ['default:shop/api', 'shop/api', `${main.baseUrl}/job/shop/job/api/`],
    ]);

    const counts = await Promise.all(
      sources.map(async source => {
        const { runs } = await provider.listRuns({ entity, source, limit: 10 });
        return runs.map(r => r.url);
      }),
    );
    expect(counts).toEqual([
      [
        `${main.baseUrl}/job/shop/job/web/2/`,
        `${main.baseUrl}/job/shop/job/web/1/`,
      ],
      [3, 2, 1].map(n => `${legacy.baseUrl}/job/deploy/job/prod/${n}/`),
      [],
    ]);

    // One instance down leaves the others answering
    await legacy.stop();
    await expect(
      provider.listRuns({ entity, source: sources[1], limit: 10 }),
    ).rejects.toThrow('Jenkins "legacy" is not answering');
    await expect(
      provider.listRuns({ entity, source: sources[0], limit: 10 }),
    ).resolves.toMatchObject({ runs: [{ number: 2 }, { number: 1 }] });
  });
});
