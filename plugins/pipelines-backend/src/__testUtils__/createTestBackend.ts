import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type {
  BackendFeature,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { execFileSync } from 'node:child_process';
import type { Server } from 'node:http';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import request from 'supertest';
import { pipelinesPlugin } from '../plugin';

export const ENTITY_REF = 'component:default/shop';

/** A git repository in a temp folder with the given files, committed. */
export function createGitRepo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'pipelines-repo-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 'test@example.com',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 'test@example.com',
  };
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: dir, env, stdio: 'pipe' });
  git('init', '-q', '--initial-branch=main');
  git('add', '.');
  git('commit', '-q', '-m', 'initial');
  return dir;
}

/** Starts the plugin on a real database with a repository for the entity. */
export async function createTestBackend(options: {
  databases: TestDatabases;
  databaseId: TestDatabaseId;
  /** Content of the entity's `.golive/pipeline.yaml`. */
  pipeline?: string;
  /** The entity's `golive.dev/repository-url`; default: a new repository. */
  repositoryUrl?: string;
  permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  /** Config under `pipelines`, merged over the test defaults. */
  pipelinesConfig?: object;
  /** Replaces the permissions service (then `permission` is ignored). */
  permissions?: ServiceFactory;
  /** More service factories, e.g. mocks that capture what was sent. */
  services?: ServiceFactory[];
  /** More backend features, such as test modules with providers. */
  features?: BackendFeature[];
  /** More annotations of the entity `component:default/shop`. */
  annotations?: Record<string, string>;
}) {
  const knex = await options.databases.init(options.databaseId);
  const repo =
    options.repositoryUrl ??
    createGitRepo({ '.golive/pipeline.yaml': options.pipeline ?? '' });
  const dataDirectory = mkdtempSync(join(tmpdir(), 'pipelines-data-'));
  const backend = await startTestBackend({
    features: [
      pipelinesPlugin,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: {
          golive: { dataDirectory },
          pipelines: {
            reconciler: { intervalSeconds: 3600 },
            ...options.pipelinesConfig,
          },
        },
      }),
      options.permissions ??
        mockServices.permissions.factory({
          result: options.permission ?? AuthorizeResult.ALLOW,
        }),
      ...(options.services ?? []),
      ...(options.features ?? []),
      catalogServiceMock.factory({
        entities: [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: {
              name: 'shop',
              namespace: 'default',
              annotations: {
                'golive.dev/repository-url': repo,
                ...options.annotations,
              },
            },
            spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
          },
        ],
      }),
    ],
  });

  const server: Server = backend.server;
  const auth = mockCredentials.user.header();
  const api = {
    get: (path: string) =>
      request(server).get(`/api/pipelines${path}`).set('authorization', auth),
    post: (path: string, body: object = {}) =>
      request(server)
        .post(`/api/pipelines${path}`)
        .set('authorization', auth)
        .send(body),
    put: (path: string, body: object) =>
      request(server)
        .put(`/api/pipelines${path}`)
        .set('authorization', auth)
        .send(body),
  };

  /** Polls a run until `done` says so, or fails after `timeoutMs`. */
  const waitForRun = async (
    runId: string,
    done: (run: any) => boolean,
    timeoutMs = 20000,
  ) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const res = await api.get(`/runs/${runId}`);
      if (done(res.body)) return res.body;
      if (Date.now() > deadline) {
        throw new Error(`Run not done in time: ${JSON.stringify(res.body)}`);
      }
      await new Promise(r => setTimeout(r, 100));
    }
  };

  const logText = async (runId: string, jobId: string) => {
    const res = await api.get(`/runs/${runId}/jobs/${jobId}/logs`);
    return (res.body.lines ?? []).map((l: any) => l.text).join('');
  };

  return { server, knex, api, waitForRun, logText, repo, dataDirectory };
}
