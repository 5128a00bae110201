import { BackstageUserPrincipal } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogEntityDeletePermission } from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { GoLiveRbacPolicy } from './GoLiveRbacPolicy';

const memberships: Record<string, string[]> = {
  'user:default/root': ['user:default/root', 'group:default/platform-team'],
  'user:default/dev': ['user:default/dev', 'group:default/team-payments'],
  'user:default/qa': ['user:default/qa', 'group:default/QA-Team'],
  'user:default/guest': ['user:default/guest'],
};

const userInfo = mockServices.userInfo.mock({
  async getUserInfo(credentials) {
    const { userEntityRef } = credentials.principal as BackstageUserPrincipal;
    return { userEntityRef, ownershipEntityRefs: memberships[userEntityRef] };
  },
});

function userOf(userEntityRef: string) {
  const credentials = mockCredentials.user(userEntityRef);
  return {
    credentials,
    info: { userEntityRef, ownershipEntityRefs: memberships[userEntityRef] },
  };
}

const startRun = createPermission({
  name: 'testing.run.create',
  attributes: { action: 'create' },
});

describe('GoLiveRbacPolicy', () => {
  const policy = GoLiveRbacPolicy.fromConfig(
    mockServices.rootConfig({
      data: {
        golive: {
          rbac: {
            roles: {
              admin: ['platform-team'],
              developer: ['team-payments'],
              tester: ['qa-team'],
            },
          },
        },
      },
    }),
    { logger: mockServices.logger.mock(), userInfo },
  );

  it('denies every request without a user', async () => {
    const decision = await policy.handle({
      permission: catalogEntityDeletePermission,
    });

    expect(decision).toEqual({ result: AuthorizeResult.DENY });
  });

  it('allows admins to delete any entity', async () => {
    const decision = await policy.handle(
      { permission: catalogEntityDeletePermission },
      userOf('user:default/root'),
    );

    expect(decision).toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('lets developers delete only entities their groups own', async () => {
    const decision = await policy.handle(
      { permission: catalogEntityDeletePermission },
      userOf('user:default/dev'),
    );

    expect(decision).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: { claims: memberships['user:default/dev'] },
      },
    });
  });

  it('lets testers start test runs whatever the case of their group', async () => {
    const decision = await policy.handle(
      { permission: startRun },
      userOf('user:default/qa'),
    );

    expect(decision).toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('treats users of no mapped group as viewers', async () => {
    const guest = userOf('user:default/guest');

    await expect(
      policy.handle({ permission: startRun }, guest),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
    await expect(
      policy.handle(
        {
          permission: createPermission({
            name: 'testing.run.read',
            attributes: { action: 'read' },
          }),
        },
        guest,
      ),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('fails to start on invalid config', () => {
    expect(() =>
      GoLiveRbacPolicy.fromConfig(
        mockServices.rootConfig({
          data: { golive: { rbac: { roles: { admn: [] } } } },
        }),
        { logger: mockServices.logger.mock(), userInfo },
      ),
    ).toThrow("'golive.rbac.roles.admn'");
  });
});
