import { useApi } from '@backstage/frontend-plugin-api';
import {
  permissionApiRef,
  usePermission,
} from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { pipelinesSecretManagePermission } from '@golive/plugin-pipelines-common';
import useAsync from 'react-use/esm/useAsync';

/** Whether the user may create, replace and delete these secrets. */
export interface SecretPermission {
  loading: boolean;
  allowed: boolean;
}

/**
 * Checks `pipelines.secret.manage` against the entity, or without a resource
 * for global secrets, as the backend does.
 */
export function useSecretPermission(entityRef?: string): SecretPermission {
  const permissionApi = useApi(permissionApiRef);
  const forEntity = usePermission({
    permission: pipelinesSecretManagePermission,
    resourceRef: entityRef,
  });
  // usePermission denies a resource permission asked without a resource
  // before asking anyone, so global secrets go to the permission API directly.
  const forGlobal = useAsync(async () => {
    if (entityRef) {
      return false;
    }
    const { result } = await permissionApi.authorize({
      permission: pipelinesSecretManagePermission,
    });
    return result === AuthorizeResult.ALLOW;
  }, [permissionApi, entityRef]);

  if (entityRef) {
    return { loading: forEntity.loading, allowed: forEntity.allowed };
  }
  return { loading: forGlobal.loading, allowed: forGlobal.value === true };
}
