import {
  BackendFeature,
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { JsonObject } from '@backstage/types';
import Router from 'express-promise-router';
import type { Knex } from 'knex';
import type { AddressInfo } from 'node:net';
import { pipelinesPlugin } from '../../plugins/pipelines-backend/src/plugin';

/** The payload of the bare route: small and constant. */
export const BARE_PAYLOAD = { ok: true, items: [] as unknown[] };

/**
 * A plugin with one constant route, `GET /api/bench/bare`, mounted beside
 * the pipelines plugin: the same server, auth and middleware.
 */
const barePlugin = createBackendPlugin({
  pluginId: 'bench',
  register(env) {
    env.registerInit({
      deps: { httpRouter: coreServices.httpRouter },
      async init({ httpRouter }) {
        const router = Router();
        router.get('/bare', (_req, res) => {
          res.json(BARE_PAYLOAD);
        });
        httpRouter.use(router);
      },
    });
  },
});

export type BenchEntity = {
  name: string;
  repositoryUrl?: string;
  /** Further annotations, such as `github.com/project-slug`. */
  annotations?: Record<string, string>;
};

/**
 * Starts a Backstage backend with the real pipelines plugin on the given
 * database, a catalog holding the entities, permissions that allow all,
 * and the platform services on Redis when `redis` is given. `modules` are
 * added beside the plugin; `config` adds root keys, and its `pipelines`
 * keys are merged into the plugin's.
 */
export async function startPipelinesBackend(options: {
  knex: Knex;
  dataDirectory: string;
  entities: BenchEntity[];
  redis?: { url: string; prefix: string };
  concurrency?: number;
  modules?: BackendFeature[];
  config?: JsonObject;
}) {
  const { pipelines: extraPipelines, ...extraConfig } = options.config ?? {};
  const backend = await startTestBackend({
    features: [
      pipelinesPlugin,
      ...(options.modules ?? []),
      barePlugin,
      mockServices.database.factory({ knex: options.knex }),
      mockServices.rootConfig.factory({
        data: {
          ...extraConfig,
          golive: {
            dataDirectory: options.dataDirectory,
            ...(options.redis
              ? {
                  redis: { url: options.redis.url },
                  queue: { prefix: options.redis.prefix },
                }
              : {}),
          },
          pipelines: {
            reconciler: { intervalSeconds: 3600 },
            worker: { concurrency: options.concurrency ?? 2 },
            ...(extraPipelines as JsonObject | undefined),
          },
        },
      }),
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      catalogServiceMock.factory({
        entities: options.entities.map(entity => ({
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: {
            name: entity.name,
            namespace: 'default',
            annotations: {
              ...entity.annotations,
              ...(entity.repositoryUrl
                ? { 'golive.dev/repository-url': entity.repositoryUrl }
                : {}),
            } as Record<string, string>,
          },
          spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
        })),
      }),
    ],
  });

  const port = (backend.server.address() as AddressInfo).port;
  return {
    backend,
    baseUrl: `http://127.0.0.1:${port}/api`,
    headers: { authorization: mockCredentials.user.header() },
    stop: () => backend.stop(),
  };
}
