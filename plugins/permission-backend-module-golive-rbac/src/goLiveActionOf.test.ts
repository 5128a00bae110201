import { createPermission } from '@backstage/plugin-permission-common';
import { goLiveActionOf } from './goLiveActionOf';
import { goLivePluginIdOf } from './goLivePluginIdOf';

describe('goLiveActionOf', () => {
  it('returns the CRUD action attribute when set', () => {
    const permission = createPermission({
      name: 'pipelines.run.create',
      attributes: { action: 'create' },
    });

    expect(goLiveActionOf(permission)).toBe('create');
  });

  it('returns use for a permission without an action', () => {
    const permission = createPermission({
      name: 'pipelines.deployment.approve',
      attributes: {},
      resourceType: 'catalog-entity',
    });

    expect(goLiveActionOf(permission)).toBe('use');
  });
});

describe('goLivePluginIdOf', () => {
  it('returns the first segment of the permission name', () => {
    const run = createPermission({
      name: 'pipelines.run.create',
      attributes: {},
    });
    const entity = createPermission({
      name: 'catalog.entity.read',
      attributes: { action: 'read' },
    });

    expect(goLivePluginIdOf(run)).toBe('pipelines');
    expect(goLivePluginIdOf(entity)).toBe('catalog');
  });

  it('returns the whole name when it has no dot', () => {
    const permission = createPermission({ name: 'jira', attributes: {} });

    expect(goLivePluginIdOf(permission)).toBe('jira');
  });
});
