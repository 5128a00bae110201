/**
 * The roles of GoLive, from the strongest to the weakest.
 *
 * @public
 */
export const goLiveRoles = ['admin', 'developer', 'tester', 'viewer'] as const;

/**
 * One of GoLive's roles: `admin`, `developer`, `tester` or `viewer`.
 *
 * @public
 */
export type GoLiveRole = (typeof goLiveRoles)[number];

/**
 * The actions that GoLive's roles grant or withhold.
 *
 * @public
 */
export const goLiveActions = [
  'read',
  'create',
  'update',
  'delete',
  'use',
] as const;

/**
 * One of GoLive's actions. `use` covers every permission without a CRUD
 * action attribute, such as approve, cancel or manage.
 *
 * @public
 */
export type GoLiveAction = (typeof goLiveActions)[number];

/**
 * Allowed actions per plugin id and role, as read from
 * `golive.rbac.plugins` and merged over the built-in defaults.
 */
export type PluginActionTable = ReadonlyMap<
  string,
  ReadonlyMap<GoLiveRole, ReadonlySet<GoLiveAction>>
>;

/** The validated `golive.rbac` config. */
export type RbacSettings = {
  /** Normalized (lower-case, fully qualified) entity refs per role. */
  roleRefs: ReadonlyMap<GoLiveRole, ReadonlySet<string>>;
  /** Per-plugin action lists that replace a role's defaults. */
  plugins: PluginActionTable;
};
