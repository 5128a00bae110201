import { Config } from '@backstage/config';
import { defaultPluginActions, defaultRoleRefs } from './defaults';
import { normalizeEntityRef } from './normalizeEntityRef';
import {
  GoLiveAction,
  GoLiveRole,
  PluginActionTable,
  RbacSettings,
  goLiveActions,
  goLiveRoles,
} from './types';

const ROOT = 'golive.rbac';

function isRole(value: string): value is GoLiveRole {
  return (goLiveRoles as readonly string[]).includes(value);
}

function isAction(value: string): value is GoLiveAction {
  return (goLiveActions as readonly string[]).includes(value);
}

function unknownRole(key: string): Error {
  return new Error(
    `Unknown role at '${key}', expected one of ${goLiveRoles.join(', ')}`,
  );
}

function readRoles(roles: Config | undefined) {
  for (const role of roles?.keys() ?? []) {
    if (!isRole(role)) {
      throw unknownRole(`${ROOT}.roles.${role}`);
    }
  }

  const result = new Map<GoLiveRole, ReadonlySet<string>>();
  for (const role of goLiveRoles) {
    const key = `${ROOT}.roles.${role}`;
    const refs = roles?.getOptionalStringArray(role) ?? defaultRoleRefs[role];
    const normalized = refs.map((ref, index) => {
      const value = normalizeEntityRef(ref);
      if (!value) {
        throw new Error(`Invalid entity ref "${ref}" at '${key}[${index}]'`);
      }
      return value;
    });
    result.set(role, new Set(normalized));
  }
  return result;
}

function readPlugins(plugins: Config | undefined): PluginActionTable {
  const table = new Map<string, Map<GoLiveRole, ReadonlySet<GoLiveAction>>>();
  for (const [pluginId, roles] of Object.entries(defaultPluginActions)) {
    const entries = Object.entries(roles) as [GoLiveRole, GoLiveAction[]][];
    table.set(
      pluginId,
      new Map(entries.map(([role, actions]) => [role, new Set(actions)])),
    );
  }

  if (!plugins) {
    return table;
  }

  for (const pluginId of plugins.keys()) {
    const pluginConfig = plugins.getConfig(pluginId);
    const roles = table.get(pluginId) ?? new Map();

    for (const role of pluginConfig.keys()) {
      const key = `${ROOT}.plugins.${pluginId}.${role}`;
      if (!isRole(role)) {
        throw unknownRole(key);
      }
      // Admins could otherwise lock everyone out of a plugin, themselves
      // included, with no role left to undo it from the portal.
      if (role === 'admin') {
        throw new Error(
          `Admin cannot be restricted per plugin, remove '${key}'`,
        );
      }

      const actions = pluginConfig.getStringArray(role);
      actions.forEach((action, index) => {
        if (!isAction(action)) {
          throw new Error(
            `Unknown action "${action}" at '${key}[${index}]', expected one of ${goLiveActions.join(
              ', ',
            )}`,
          );
        }
      });
      roles.set(role, new Set(actions as GoLiveAction[]));
    }
    table.set(pluginId, roles);
  }
  return table;
}

/**
 * Reads and validates `golive.rbac`. Throws at the first invalid value with
 * an error that names its exact key.
 */
export function readRbacConfig(config: Config): RbacSettings {
  const rbac = config.getOptionalConfig(ROOT);
  for (const key of rbac?.keys() ?? []) {
    if (key !== 'roles' && key !== 'plugins') {
      throw new Error(
        `Unknown key '${ROOT}.${key}', expected 'roles' or 'plugins'`,
      );
    }
  }

  return {
    roleRefs: readRoles(rbac?.getOptionalConfig('roles')),
    plugins: readPlugins(rbac?.getOptionalConfig('plugins')),
  };
}
