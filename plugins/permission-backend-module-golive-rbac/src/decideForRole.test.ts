import { ConfigReader } from '@backstage/config';
import {
  AuthorizeResult,
  Permission,
  PolicyDecision,
  createPermission,
} from '@backstage/plugin-permission-common';
import { decideForRole } from './decideForRole';
import { readRbacConfig } from './readRbacConfig';
import { GoLiveAction, GoLiveRole, goLiveActions, goLiveRoles } from './types';

const claims = ['user:default/ada', 'group:default/team-payments'];

const ownerCondition = {
  result: AuthorizeResult.CONDITIONAL,
  pluginId: 'catalog',
  resourceType: 'catalog-entity',
  conditions: {
    rule: 'IS_ENTITY_OWNER',
    resourceType: 'catalog-entity',
    params: { claims },
  },
};

type Kind = 'basic' | 'entity';
type Plugin = 'testing' | 'pipelines' | 'catalog';

/**
 * Expected decisions, one letter per action in the order read, create,
 * update, delete, use: A = ALLOW, D = DENY, C = CONDITIONAL on ownership.
 */
const expected: Record<GoLiveRole, Record<Plugin, Record<Kind, string>>> = {
  admin: {
    testing: { basic: 'AAAAA', entity: 'AAAAA' },
    pipelines: { basic: 'AAAAA', entity: 'AAAAA' },
    catalog: { basic: 'AAAAA', entity: 'AAAAA' },
  },
  developer: {
    testing: { basic: 'AAAAA', entity: 'ACCCC' },
    pipelines: { basic: 'AAAAA', entity: 'ACCCC' },
    catalog: { basic: 'AAAAA', entity: 'ACCCC' },
  },
  tester: {
    testing: { basic: 'AAADA', entity: 'AAADA' },
    pipelines: { basic: 'ADDDD', entity: 'ADDDD' },
    catalog: { basic: 'ADDDD', entity: 'ADDDD' },
  },
  viewer: {
    testing: { basic: 'ADDDD', entity: 'ADDDD' },
    pipelines: { basic: 'ADDDD', entity: 'ADDDD' },
    catalog: { basic: 'ADDDD', entity: 'ADDDD' },
  },
};

function permissionFor(
  plugin: string,
  action: GoLiveAction,
  kind: Kind | 'other',
): Permission {
  const attributes = action === 'use' ? {} : { action };
  const name = `${plugin}.thing.${action === 'use' ? 'approve' : action}`;
  if (kind === 'basic') {
    return createPermission({ name, attributes });
  }
  const resourceType = kind === 'entity' ? 'catalog-entity' : 'test-run';
  return createPermission({ name, attributes, resourceType });
}

function decisionFor(letter: string): PolicyDecision {
  if (letter === 'C') {
    return ownerCondition as PolicyDecision;
  }
  return {
    result: letter === 'A' ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
  };
}

function decide(
  role: GoLiveRole,
  permission: Permission,
  rbac: object = {},
): PolicyDecision {
  const settings = readRbacConfig(new ConfigReader({ golive: { rbac } }));
  return decideForRole(role, permission, claims, settings.plugins);
}

const cases = goLiveRoles.flatMap(role =>
  (['testing', 'pipelines', 'catalog'] as const).flatMap(plugin =>
    (['basic', 'entity'] as const).flatMap(kind =>
      goLiveActions.map((action, index) => ({
        role,
        plugin,
        kind,
        action,
        letter: expected[role][plugin][kind][index],
      })),
    ),
  ),
);

describe('decideForRole', () => {
  it('covers every role, plugin, permission kind and action', () => {
    expect(cases).toHaveLength(4 * 3 * 2 * 5);
  });

  it.each(cases)(
    'decides $letter for $role $action of a $kind permission in $plugin',
    ({ role, plugin, kind, action, letter }) => {
      const decision = decide(role, permissionFor(plugin, action, kind));
      expect(decision).toEqual(decisionFor(letter));
    },
  );

  it('denies developers non-read actions on other resource types', () => {
    for (const action of goLiveActions) {
      const decision = decide(
        'developer',
        permissionFor('testing', action, 'other'),
      );
      expect(decision.result).toBe(
        action === 'read' ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
      );
    }
  });

  it('lets testers act on test-run resources in the testing plugin', () => {
    const decision = decide('tester', permissionFor('testing', 'use', 'other'));
    expect(decision).toEqual({ result: AuthorizeResult.ALLOW });
  });
});

describe('decideForRole with plugin overrides', () => {
  it('replaces the tester defaults of a plugin', () => {
    const rbac = { plugins: { testing: { tester: ['read'] } } };
    const create = permissionFor('testing', 'create', 'basic');
    const read = permissionFor('testing', 'read', 'basic');

    expect(decide('tester', create, rbac).result).toBe(AuthorizeResult.DENY);
    expect(decide('tester', read, rbac).result).toBe(AuthorizeResult.ALLOW);
  });

  it('keeps the built-in testing entry when another plugin is configured', () => {
    const rbac = { plugins: { pipelines: { tester: ['read', 'use'] } } };

    expect(
      decide('tester', permissionFor('pipelines', 'use', 'basic'), rbac),
    ).toEqual({ result: AuthorizeResult.ALLOW });
    expect(
      decide('tester', permissionFor('testing', 'create', 'basic'), rbac),
    ).toEqual({ result: AuthorizeResult.ALLOW });
    expect(
      decide('tester', permissionFor('jira', 'use', 'basic'), rbac),
    ).toEqual({ result: AuthorizeResult.DENY });
  });

  it('can take reads away from viewers in one plugin', () => {
    const rbac = { plugins: { monitoring: { viewer: [] } } };
    const read = permissionFor('monitoring', 'read', 'entity');

    expect(decide('viewer', read, rbac).result).toBe(AuthorizeResult.DENY);
    expect(
      decide('viewer', permissionFor('jira', 'read', 'entity'), rbac),
    ).toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('grants developers listed actions on other resource types', () => {
    const rbac = { plugins: { testing: { developer: ['read', 'use'] } } };

    expect(
      decide('developer', permissionFor('testing', 'use', 'other'), rbac),
    ).toEqual({ result: AuthorizeResult.ALLOW });
    expect(
      decide('developer', permissionFor('testing', 'delete', 'other'), rbac),
    ).toEqual({ result: AuthorizeResult.DENY });
    expect(
      decide('developer', permissionFor('testing', 'delete', 'basic'), rbac),
    ).toEqual({ result: AuthorizeResult.DENY });
  });

  it('keeps listed developer actions on catalog entities owner-conditional', () => {
    const rbac = { plugins: { pipelines: { developer: ['read', 'use'] } } };

    expect(
      decide('developer', permissionFor('pipelines', 'use', 'entity'), rbac),
    ).toEqual(ownerCondition);
    expect(
      decide('developer', permissionFor('pipelines', 'update', 'entity'), rbac),
    ).toEqual({ result: AuthorizeResult.DENY });
  });

  it('widens viewer rights in one plugin', () => {
    const rbac = { plugins: { 'ai-assistant': { viewer: ['read', 'use'] } } };
    const use = permissionFor('ai-assistant', 'use', 'basic');

    expect(decide('viewer', use, rbac).result).toBe(AuthorizeResult.ALLOW);
    expect(
      decide('viewer', permissionFor('jira', 'use', 'basic'), rbac).result,
    ).toBe(AuthorizeResult.DENY);
  });
});
