import { ConfigReader } from '@backstage/config';
import { readRbacConfig } from './readRbacConfig';

type ConfigData = ConstructorParameters<typeof ConfigReader>[0];

function read(rbac: unknown) {
  return readRbacConfig(new ConfigReader({ golive: { rbac } } as ConfigData));
}

describe('readRbacConfig', () => {
  it('returns the documented defaults without config', () => {
    const settings = readRbacConfig(new ConfigReader({}));

    expect(Object.fromEntries(settings.roleRefs)).toEqual({
      admin: new Set(),
      developer: new Set(),
      tester: new Set(),
      viewer: new Set(),
    });
    expect(settings.plugins.get('testing')?.get('tester')).toEqual(
      new Set(['read', 'create', 'update', 'use']),
    );
  });

  it('defaults each role on its own and normalizes refs', () => {
    const settings = read({
      roles: {
        admin: ['Platform-Team', 'user:Ops/Ada', 'group:default/SRE'],
        tester: ['qa-team'],
      },
    });

    expect(settings.roleRefs.get('admin')).toEqual(
      new Set([
        'group:default/platform-team',
        'user:ops/ada',
        'group:default/sre',
      ]),
    );
    expect(settings.roleRefs.get('tester')).toEqual(
      new Set(['group:default/qa-team']),
    );
  });

  it('maps no group to a role that config leaves out', () => {
    const settings = read({ roles: { tester: ['qa-team'] } });

    expect(settings.roleRefs.get('developer')).toEqual(new Set());
  });

  it('names the key of an unknown role', () => {
    expect(() => read({ roles: { admn: ['platform-team'] } })).toThrow(
      "Unknown role at 'golive.rbac.roles.admn', expected one of admin, developer, tester, viewer",
    );
  });

  it('names the key of an invalid entity ref', () => {
    expect(() =>
      read({ roles: { tester: ['qa-team', 'group:default/qa team'] } }),
    ).toThrow(
      `Invalid entity ref "group:default/qa team" at 'golive.rbac.roles.tester[1]'`,
    );
    expect(() => read({ roles: { viewer: ['group:'] } })).toThrow(
      "'golive.rbac.roles.viewer[0]'",
    );
  });

  it('names the key of a role list that is not a list', () => {
    expect(() => read({ roles: { admin: 'platform-team' } })).toThrow(
      'golive.rbac.roles.admin',
    );
  });

  it('names the key of an unknown action', () => {
    expect(() =>
      read({ plugins: { testing: { tester: ['read', 'execute'] } } }),
    ).toThrow(
      `Unknown action "execute" at 'golive.rbac.plugins.testing.tester[1]', expected one of read, create, update, delete, use`,
    );
  });

  it('names the key of an unknown role in a plugin override', () => {
    expect(() => read({ plugins: { jira: { qa: ['read'] } } })).toThrow(
      "Unknown role at 'golive.rbac.plugins.jira.qa'",
    );
  });

  it('refuses to restrict admins per plugin', () => {
    expect(() => read({ plugins: { pipelines: { admin: ['read'] } } })).toThrow(
      "Admin cannot be restricted per plugin, remove 'golive.rbac.plugins.pipelines.admin'",
    );
  });

  it('names an unknown key under golive.rbac', () => {
    expect(() => read({ role: {} })).toThrow(
      "Unknown key 'golive.rbac.role', expected 'roles' or 'plugins'",
    );
  });

  it('merges plugin overrides over the defaults per plugin and role', () => {
    const settings = read({
      plugins: {
        testing: { developer: ['read'] },
        pipelines: { tester: ['read', 'use'] },
      },
    });

    expect(settings.plugins.get('testing')?.get('tester')).toEqual(
      new Set(['read', 'create', 'update', 'use']),
    );
    expect(settings.plugins.get('testing')?.get('developer')).toEqual(
      new Set(['read']),
    );
    expect(settings.plugins.get('pipelines')?.get('tester')).toEqual(
      new Set(['read', 'use']),
    );
  });
});
