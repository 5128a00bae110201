import { Permission } from '@backstage/plugin-permission-common';

/**
 * The plugin id that a permission belongs to: the first dot-separated
 * segment of its name (`pipelines.run.create` gives `pipelines`).
 *
 * @public
 */
export function goLivePluginIdOf(permission: Permission): string {
  return permission.name.split('.', 1)[0];
}
