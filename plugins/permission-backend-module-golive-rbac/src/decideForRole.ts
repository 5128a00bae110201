import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  Permission,
  PolicyDecision,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import { defaultRoleActions } from './defaults';
import { goLiveActionOf } from './goLiveActionOf';
import { goLivePluginIdOf } from './goLivePluginIdOf';
import { GoLiveRole, PluginActionTable } from './types';

/**
 * The decision for one permission and one role. Pure: the role is already
 * resolved and `claims` are the user's ownership entity refs.
 */
export function decideForRole(
  role: GoLiveRole,
  permission: Permission,
  claims: readonly string[],
  plugins: PluginActionTable,
): PolicyDecision {
  if (role === 'admin') {
    return { result: AuthorizeResult.ALLOW };
  }

  const action = goLiveActionOf(permission);
  const override = plugins.get(goLivePluginIdOf(permission))?.get(role);
  const allowed = override ?? defaultRoleActions[role];
  if (!allowed.has(action)) {
    return { result: AuthorizeResult.DENY };
  }
  if (action === 'read' || role !== 'developer') {
    return { result: AuthorizeResult.ALLOW };
  }

  // Developers change only what their teams own. Other resource types carry
  // no owner the policy can check, so they need an explicit plugin entry.
  if (isResourcePermission(permission, RESOURCE_TYPE_CATALOG_ENTITY)) {
    return createCatalogConditionalDecision(
      permission,
      catalogConditions.isEntityOwner({ claims: [...claims] }),
    );
  }
  if (isResourcePermission(permission) && !override) {
    return { result: AuthorizeResult.DENY };
  }
  return { result: AuthorizeResult.ALLOW };
}
