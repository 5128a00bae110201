import { ApiBlueprint, coreApis } from '@backstage/frontend-plugin-api';
import { pipelinesApiRef } from '../api/PipelinesApi';
import { PipelinesClient } from '../api/PipelinesClient';

export const pipelinesApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: pipelinesApiRef,
      deps: { discoveryApi: coreApis.discovery, fetchApi: coreApis.fetch },
      factory: ({ discoveryApi, fetchApi }) =>
        PipelinesClient.create({ discoveryApi, fetchApi }),
    }),
});
