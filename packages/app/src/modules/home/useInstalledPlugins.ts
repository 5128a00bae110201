import {
  coreApis,
  coreExtensionData,
  useApi,
} from '@backstage/frontend-plugin-api';
import { useMemo } from 'react';

/** An installed plugin and, when it has a top-level page, where that is. */
export interface InstalledPlugin {
  href?: string;
}

/**
 * Reads which plugins the running app holds, from its extension tree, with
 * the address of each plugin's top-level page where it has one.
 */
export function useInstalledPlugins(): ReadonlyMap<string, InstalledPlugin> {
  const appTreeApi = useApi(coreApis.appTree);
  const routeResolutionApi = useApi(coreApis.routeResolution);

  return useMemo(() => {
    const installed = new Map<string, InstalledPlugin>();
    const { tree } = appTreeApi.getTree();

    for (const node of tree.nodes.values()) {
      // Disabled extensions have no instance.
      if (!node.instance) {
        continue;
      }
      const pluginId = node.spec.plugin.pluginId;
      const entry = installed.get(pluginId) ?? {};
      installed.set(pluginId, entry);

      const isPage = node.edges.attachedTo?.node.spec.id === 'app/routes';
      const routeRef = node.instance.getData(coreExtensionData.routeRef);
      if (isPage && routeRef && !entry.href) {
        try {
          entry.href = routeResolutionApi.resolve(routeRef)?.();
        } catch {
          // Pages with path parameters have no address of their own.
        }
      }
    }
    return installed;
  }, [appTreeApi, routeResolutionApi]);
}
