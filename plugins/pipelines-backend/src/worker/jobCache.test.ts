import { TestDatabases } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { LocalArtifactStore } from '@golive/platform-node';
import {
  mkdir,
  mkdtemp,
  readFile,
  rm,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createTestBackend,
  ENTITY_REF,
} from '../__testUtils__/createTestBackend';
import {
  cacheStorageName,
  evaluateCacheKey,
  resolveCachePaths,
  restoreCache,
  saveCache,
} from './jobCache';

jest.setTimeout(60_000);

const finished = (run: any) =>
  ['succeeded', 'failed', 'cancelled'].includes(run.status);

const cachedPipeline = `name: cached
on:
  manual: {}
jobs:
  build:
    cache:
      key: deps-\${{ env.DEPS_VERSION }}
      paths: [.deps]
    env:
      DEPS_VERSION: "1"
    steps:
      - name: Dependencies
        run: |
          if [ -f .deps/made-by ]; then
            echo "cached from $(cat .deps/made-by)"
          else
            mkdir -p .deps && echo "$GOLIVE_RUN_ID" > .deps/made-by && echo fresh
          fi
`;

describe('job cache', () => {
  let base: string;

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'golive-cache-'));
  });

  afterAll(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it('fills the placeholders of a key and refuses unknown scopes', () => {
    const context = {
      git: { sha: 'abc' },
      inputs: {},
      env: { V: '2' },
      matrix: { os: 'linux' },
    };
    expect(
      evaluateCacheKey(
        'deps-${{ env.V }}-${{matrix.os}}-${{ git.sha }}',
        context,
      ),
    ).toBe('deps-2-linux-abc');
    expect(() => evaluateCacheKey('${{ secrets.X }}', context)).toThrow(
      InputError,
    );
    expect(cacheStorageName('component:default/a', 'k')).not.toBe(
      cacheStorageName('component:default/b', 'k'),
    );
    // a fork's run neither restores nor replaces a trusted run's cache
    expect(
      cacheStorageName('component:default/a', 'k', { fromFork: true }),
    ).not.toBe(cacheStorageName('component:default/a', 'k'));
  });

  it('saves paths of a workspace and restores them into another', async () => {
    const artifacts = await LocalArtifactStore.create({
      directory: join(base, 'artifacts'),
    });
    const one = join(base, 'one');
    await mkdir(join(one, 'node_modules/pkg'), { recursive: true });
    await writeFile(join(one, 'node_modules/pkg/index.js'), 'module');
    const name = cacheStorageName(ENTITY_REF, 'deps');

    expect(
      await saveCache({
        artifacts,
        name,
        workspace: one,
        paths: ['node_modules', 'missing'],
      }),
    ).toBe(1);

    const two = join(base, 'two');
    await mkdir(two);
    expect(
      await restoreCache({
        artifacts,
        name: 'caches/none.tar.gz',
        workspace: two,
      }),
    ).toBe(false);
    expect(await restoreCache({ artifacts, name, workspace: two })).toBe(true);
    expect(await readFile(join(two, 'node_modules/pkg/index.js'), 'utf8')).toBe(
      'module',
    );
  });

  it('refuses paths outside the workspace, also through links', async () => {
    const workspace = join(base, 'three');
    await mkdir(workspace);
    await symlink(tmpdir(), join(workspace, 'escape'));

    for (const path of ['../outside', '/etc', '.', 'escape']) {
      await expect(resolveCachePaths(workspace, [path])).rejects.toThrow(
        InputError,
      );
    }
  });

  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'gives a second run the cached content of the first, on %p',
    async databaseId => {
      const { api, waitForRun, logText } = await createTestBackend({
        databases,
        databaseId,
        pipeline: cachedPipeline,
      });

      const first = await api.post('/runs', { entityRef: ENTITY_REF });
      const firstRun = await waitForRun(first.body.id, finished);
      expect(firstRun.status).toBe('succeeded');
      const firstLog = await logText(firstRun.id, firstRun.jobs[0].id);
      expect(firstLog).toContain('No cache to restore');
      expect(firstLog).toContain('fresh');
      expect(firstLog).toContain('Saved 1 cache path(s)');

      const second = await api.post('/runs', { entityRef: ENTITY_REF });
      const secondRun = await waitForRun(second.body.id, finished);
      expect(secondRun.status).toBe('succeeded');
      const secondLog = await logText(secondRun.id, secondRun.jobs[0].id);
      expect(secondLog).toContain('Restored cache');
      expect(secondLog).toContain(`cached from ${firstRun.id}`);
    },
  );
});
