import { ConfigReader } from '@backstage/config';
import { readRbacConfig } from './readRbacConfig';
import { resolveRole } from './resolveRole';

const { roleRefs } = readRbacConfig(
  new ConfigReader({
    golive: {
      rbac: {
        roles: {
          admin: ['platform-team'],
          developer: ['team-payments'],
          tester: ['qa-team'],
          viewer: ['group:default/auditors'],
        },
      },
    },
  }),
);

describe('resolveRole', () => {
  it('maps each group to its role', () => {
    expect(resolveRole(['group:default/platform-team'], roleRefs)).toBe(
      'admin',
    );
    expect(resolveRole(['group:default/team-payments'], roleRefs)).toBe(
      'developer',
    );
    expect(resolveRole(['group:default/qa-team'], roleRefs)).toBe('tester');
    expect(resolveRole(['group:default/auditors'], roleRefs)).toBe('viewer');
  });

  it('picks the strongest of several matching roles', () => {
    const refs = [
      'user:default/ada',
      'group:default/qa-team',
      'group:default/team-payments',
    ];

    expect(resolveRole(refs, roleRefs)).toBe('developer');
    expect(
      resolveRole([...refs, 'group:default/platform-team'], roleRefs),
    ).toBe('admin');
  });

  it('compares refs case-insensitively', () => {
    expect(resolveRole(['Group:Default/Platform-Team'], roleRefs)).toBe(
      'admin',
    );
  });

  it('makes users of no mapped group viewers', () => {
    expect(resolveRole(['user:default/ada'], roleRefs)).toBe('viewer');
    expect(resolveRole([], roleRefs)).toBe('viewer');
  });

  it('does not match a group of the same name in another namespace', () => {
    expect(resolveRole(['group:partners/platform-team'], roleRefs)).toBe(
      'viewer',
    );
  });
});
