import {
  createPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';

/**
 * Pipelines permissions are checked per catalog entity, so the GoLive
 * policy can let developers act on what their groups own.
 */
const resourceType = 'catalog-entity';

/** See the runs of an entity. @public */
export const pipelinesRunReadPermission: ResourcePermission<'catalog-entity'> =
  createPermission({
    name: 'pipelines.run.read',
    attributes: { action: 'read' },
    resourceType,
  });

/** Start or re-run a pipeline of an entity. @public */
export const pipelinesRunCreatePermission: ResourcePermission<'catalog-entity'> =
  createPermission({
    name: 'pipelines.run.create',
    attributes: { action: 'create' },
    resourceType,
  });

/** Cancel a run of an entity. @public */
export const pipelinesRunCancelPermission: ResourcePermission<'catalog-entity'> =
  createPermission({
    name: 'pipelines.run.cancel',
    attributes: {},
    resourceType,
  });

/** Approve or reject a deployment of an entity. @public */
export const pipelinesDeploymentApprovePermission: ResourcePermission<'catalog-entity'> =
  createPermission({
    name: 'pipelines.deployment.approve',
    attributes: {},
    resourceType,
  });

/**
 * Create, replace or delete secrets. Checked against the entity for
 * per-entity secrets; global secrets use the same permission without a
 * resource (admins only under the GoLive policy's defaults).
 *
 * @public
 */
export const pipelinesSecretManagePermission: ResourcePermission<'catalog-entity'> =
  createPermission({
    name: 'pipelines.secret.manage',
    attributes: {},
    resourceType,
  });

/** Every permission of the pipelines plugin. @public */
export const pipelinesPermissions = [
  pipelinesRunReadPermission,
  pipelinesRunCreatePermission,
  pipelinesRunCancelPermission,
  pipelinesDeploymentApprovePermission,
  pipelinesSecretManagePermission,
];
