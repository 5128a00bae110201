import { GoLiveAction, GoLiveRole, goLiveActions } from './types';

/**
 * Default of `golive.rbac.roles`: nobody holds a role until config maps
 * groups to it, so a catalog never grants rights by a lucky group name.
 */
export const defaultRoleRefs: Record<GoLiveRole, readonly string[]> = {
  admin: [],
  developer: [],
  tester: [],
  viewer: [],
};

/**
 * What each role may do in a plugin without an entry in
 * `golive.rbac.plugins`. Admin is listed for completeness only: the policy
 * allows it everything before looking at any table.
 */
export const defaultRoleActions: Record<
  GoLiveRole,
  ReadonlySet<GoLiveAction>
> = {
  admin: new Set(goLiveActions),
  developer: new Set(goLiveActions),
  tester: new Set(['read']),
  viewer: new Set(['read']),
};

/**
 * Default of `golive.rbac.plugins`. Configured entries replace these per
 * plugin and role, so the testers' rights in `testing` stay unless
 * `golive.rbac.plugins.testing.tester` is set.
 */
export const defaultPluginActions: Record<
  string,
  Partial<Record<GoLiveRole, readonly GoLiveAction[]>>
> = {
  testing: { tester: ['read', 'create', 'update', 'use'] },
};
