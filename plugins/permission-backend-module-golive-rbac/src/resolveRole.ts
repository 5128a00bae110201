import { normalizeEntityRef } from './normalizeEntityRef';
import { GoLiveRole, RbacSettings, goLiveRoles } from './types';

/**
 * The strongest role whose configured refs meet one of the user's ownership
 * refs; `viewer` when none does.
 */
export function resolveRole(
  ownershipEntityRefs: readonly string[],
  roleRefs: RbacSettings['roleRefs'],
): GoLiveRole {
  const owned = new Set(
    ownershipEntityRefs.map(
      ref => normalizeEntityRef(ref) ?? ref.toLocaleLowerCase('en-US'),
    ),
  );

  const role = goLiveRoles.find(candidate =>
    Array.from(roleRefs.get(candidate) ?? []).some(ref => owned.has(ref)),
  );
  return role ?? 'viewer';
}
