import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { AesGcmSecretsCipher } from './AesGcmSecretsCipher';
import { SecretsCipher } from './SecretsCipher';

/**
 * The cipher that GoLive plugins use for the secrets they store.
 *
 * @remarks
 *
 * The default factory creates an {@link AesGcmSecretsCipher} from
 * `golive.secrets.encryptionKey`, once per backend. It fails the start in
 * production when the key is missing or malformed.
 *
 * @public
 */
export const secretsCipherServiceRef = createServiceRef<SecretsCipher>({
  id: 'golive.secrets-cipher',
  scope: 'root',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.rootLogger,
      },
      factory: ({ config, logger }) =>
        AesGcmSecretsCipher.fromConfig(config, { logger }),
    }),
});
