import { BackstageUserPrincipal } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import permissionPlugin from '@backstage/plugin-permission-backend';
import { AddressInfo } from 'node:net';
import { permissionModuleGoLiveRbac } from './module';

const memberships: Record<string, string[]> = {
  'user:default/root': ['user:default/root', 'group:default/ops'],
  'user:default/guest': ['user:default/guest'],
};

const deleteEntity = {
  type: 'resource',
  name: 'catalog.entity.delete',
  attributes: { action: 'delete' },
  resourceType: 'catalog-entity',
};

describe('permissionModuleGoLiveRbac', () => {
  let baseUrl: string;
  let stop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [
        permissionPlugin,
        permissionModuleGoLiveRbac,
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            golive: { rbac: { roles: { admin: ['ops'] } } },
          },
        }),
        mockServices.userInfo.mock({
          async getUserInfo(credentials) {
            const { userEntityRef } =
              credentials.principal as BackstageUserPrincipal;
            return {
              userEntityRef,
              ownershipEntityRefs: memberships[userEntityRef],
            };
          },
        }).factory,
      ],
    });
    const { port } = backend.server.address() as AddressInfo;
    baseUrl = `http://localhost:${port}/api/permission`;
    stop = () => backend.stop();
  });

  afterAll(async () => {
    await stop?.();
  });

  async function authorize(userEntityRef: string) {
    const response = await fetch(`${baseUrl}/authorize`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: mockCredentials.user.header(userEntityRef),
      },
      body: JSON.stringify({
        items: [
          {
            id: 'delete-shop',
            permission: deleteEntity,
            resourceRef: 'component:default/shop',
          },
        ],
      }),
    });
    expect(response.status).toBe(200);
    return response.json();
  }

  it('denies a viewer catalog.entity.delete over HTTP', async () => {
    await expect(authorize('user:default/guest')).resolves.toEqual({
      items: [{ id: 'delete-shop', result: 'DENY' }],
    });
  });

  it('allows an admin catalog.entity.delete over HTTP', async () => {
    await expect(authorize('user:default/root')).resolves.toEqual({
      items: [{ id: 'delete-shop', result: 'ALLOW' }],
    });
  });
});
