import { InputError } from '@backstage/errors';
import {
  createTestProvider,
  entityWithJobs,
} from './__testUtils__/createTestProvider';
import {
  FakeJenkins,
  startFakeJenkins,
} from './__testUtils__/startFakeJenkins';

const minute = 60_000;
const at = (minutes: number) => Date.UTC(2026, 2, 1) + minutes * minute;

describe('JenkinsProvider with a multibranch project', () => {
  let jenkins: FakeJenkins;
  let close: () => Promise<void>;
  let provider: ReturnType<typeof createTestProvider>['provider'];
  const entity = entityWithJobs('main:shop/web');

  beforeEach(async () => {
    jenkins = await startFakeJenkins();
    jenkins.addJob('shop/web', { multibranch: true });
    jenkins.addJob('shop/web/main');
    jenkins.addJob('shop/web/feature%2Flogin');
    // interleaved in time: main 1 (t1), login 1 (t2), main 2 (t3),
    // login 2 (t4, running), main 3 (t5)
    jenkins.addBuild('shop/web/main', { timestamp: at(1) });
    jenkins.addBuild('shop/web/feature%2Flogin', {
      timestamp: at(2),
      result: 'FAILURE',
      revision: { sha: 'a'.repeat(40), branch: 'feature/login' },
    });
    jenkins.addBuild('shop/web/main', { timestamp: at(3) });
    jenkins.addBuild('shop/web/feature%2Flogin', {
      timestamp: at(4),
      result: null,
      building: true,
      log: 'Checking out feature/login\n',
    });
    jenkins.addBuild('shop/web/main', { timestamp: at(5) });
    ({ provider, close } = createTestProvider({ main: jenkins }));
  });

  afterEach(async () => {
    await close();
    await jenkins.stop();
  });

  const source = () => provider.sourcesOf(entity)[0];

  it('lists the builds of its branch jobs, newest first, page by page', async () => {
    const first = await provider.listRuns({
      entity,
      source: source(),
      limit: 2,
    });
    expect(first.runs.map(r => [r.externalId, r.name, r.status])).toEqual([
      ['main/3', 'shop/web/main', 'succeeded'],
      ['feature%2Flogin/2', 'shop/web/feature/login', 'running'],
    ]);
    expect(first.nextCursor).toBe('2');

    const second = await provider.listRuns({
      entity,
      source: source(),
      limit: 2,
      cursor: first.nextCursor,
    });
    expect(second.runs.map(r => r.externalId)).toEqual([
      'main/2',
      'feature%2Flogin/1',
    ]);
    const last = await provider.listRuns({
      entity,
      source: source(),
      limit: 2,
      cursor: second.nextCursor,
    });
    expect(last.runs.map(r => r.externalId)).toEqual(['main/1']);
    expect(last.nextCursor).toBeUndefined();

    // one request for the project, one for its branch jobs and their builds
    const listing = jenkins.requests.filter(r => r.includes('/api/json'));
    expect(listing[1]).toContain('tree=jobs%5Bname%2CallBuilds%5B');
  });

  it('reads, follows and re-runs a build of a branch job', async () => {
    const run = await provider.getRun({
      entity,
      source: source(),
      externalId: 'feature%2Flogin/2',
    });
    expect(run).toMatchObject({
      externalId: 'feature%2Flogin/2',
      name: 'shop/web/feature/login',
      status: 'running',
    });

    const log = await provider.readLog({
      entity,
      source: source(),
      externalId: 'feature%2Flogin/2',
      offset: 0,
    });
    expect(log).toMatchObject({
      text: 'Checking out feature/login\n',
      more: true,
    });

    await provider.rerun!({
      entity,
      source: source(),
      externalId: 'main/3',
      actor: 'user:default/ana',
    });
    expect(jenkins.job('shop/web/main').started).toHaveLength(1);
    expect(jenkins.job('shop/web/main').builds).toHaveLength(4);
  });

  it('cannot be started itself, and says so', async () => {
    expect(await provider.canTrigger({ entity, source: source() })).toBe(false);
    expect(await provider.getInputs({ entity, source: source() })).toEqual([]);
    await expect(
      provider.trigger({ entity, source: source(), inputs: {}, actor: 'a' }),
    ).rejects.toThrow(
      new InputError(
        'Jenkins job "shop/web" on "main" holds jobs rather than builds; start a build of one of its jobs in Jenkins or re-run one of its builds',
      ),
    );
    expect(jenkins.requests.filter(r => r.startsWith('POST'))).toEqual([]);

    // a branch job named directly is an ordinary job
    const direct = entityWithJobs('main:shop/web/main');
    const [branch] = provider.sourcesOf(direct);
    expect(await provider.canTrigger({ entity: direct, source: branch })).toBe(
      true,
    );
  });

  it('refuses build ids that leave the project', async () => {
    for (const externalId of ['../3', 'a/b/3', '/3', 'main/x']) {
      await expect(
        provider.getRun({ entity, source: source(), externalId }),
      ).rejects.toThrow(InputError);
    }
    await expect(
      provider.getRun({ entity, source: source(), externalId: 'gone/1' }),
    ).resolves.toBeUndefined();
  });

  it('lists nothing for a project without branch jobs yet', async () => {
    const empty = entityWithJobs('main:shop/web/main');
    jenkins.job('shop/web/main').multibranch = true;
    await expect(
      provider.listRuns({
        entity: empty,
        source: provider.sourcesOf(empty)[0],
        limit: 5,
      }),
    ).resolves.toEqual({ runs: [], nextCursor: undefined });
  });
});
