import { Permission } from '@backstage/plugin-permission-common';
import { GoLiveAction } from './types';

/**
 * The GoLive action of a permission: its CRUD `action` attribute when set,
 * otherwise `use` (approve, cancel, manage and the like).
 *
 * @public
 */
export function goLiveActionOf(permission: Permission): GoLiveAction {
  return permission.attributes.action ?? 'use';
}
