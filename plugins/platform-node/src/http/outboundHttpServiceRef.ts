import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { AllowListOutboundHttp } from './AllowListOutboundHttp';
import { OutboundHttp } from './OutboundHttp';

/**
 * The HTTP client for requests from the backend to other systems.
 *
 * @remarks
 *
 * The default factory creates an {@link AllowListOutboundHttp} from the
 * `golive.http` config, once per backend, and closes its connections when
 * the backend stops. An invalid entry in `golive.http.allowedHosts` fails
 * the start.
 *
 * @public
 */
export const outboundHttpServiceRef = createServiceRef<OutboundHttp>({
  id: 'golive.outbound-http',
  scope: 'root',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.rootLogger,
        lifecycle: coreServices.rootLifecycle,
      },
      factory({ config, logger, lifecycle }) {
        const http = AllowListOutboundHttp.fromConfig(config, { logger });
        lifecycle.addShutdownHook(() => http.close());
        return http;
      },
    }),
});
