import { parseEncryptionKey } from './parseEncryptionKey';

/**
 * Where the encryption key of the secrets service comes from.
 *
 * @public
 */
export type EncryptionKeySource =
  | { type: 'configured'; key: Buffer }
  | { type: 'development' };

/**
 * Decides where the encryption key comes from, given the configured key and
 * the value of `NODE_ENV`.
 *
 * @remarks
 *
 * A configured key is parsed and used. Without one, production
 * (`NODE_ENV=production`) refuses to start, since secrets encrypted with a
 * throwaway key would be lost with it; anywhere else a development key kept
 * in the data directory is used.
 *
 * @public
 */
export function selectEncryptionKeySource(options: {
  configuredKey: string | undefined;
  nodeEnv: string | undefined;
}): EncryptionKeySource {
  if (options.configuredKey !== undefined) {
    return {
      type: 'configured',
      key: parseEncryptionKey(options.configuredKey),
    };
  }
  if (options.nodeEnv === 'production') {
    throw new Error(
      'golive.secrets.encryptionKey must be set in production: it encrypts the secrets GoLive stores. Generate one with "openssl rand -hex 32" and keep it in a secret store; changing it later makes stored secrets unreadable',
    );
  }
  return { type: 'development' };
}
