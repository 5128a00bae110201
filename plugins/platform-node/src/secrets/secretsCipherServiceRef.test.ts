import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { randomBytes } from 'node:crypto';
import { AesGcmSecretsCipher } from './AesGcmSecretsCipher';
import { SecretsCipher } from './SecretsCipher';
import { secretsCipherServiceRef } from './secretsCipherServiceRef';

async function startWithConfig(data: object): Promise<SecretsCipher> {
  let captured: SecretsCipher | undefined;
  const backend = await startTestBackend({
    features: [
      mockServices.rootConfig.factory({ data }),
      createBackendPlugin({
        pluginId: 'probe',
        register(env) {
          env.registerInit({
            deps: { cipher: secretsCipherServiceRef },
            async init({ cipher }) {
              captured = cipher;
            },
          });
        },
      }),
    ],
  });
  await backend.stop();
  return captured!;
}

describe('secretsCipherServiceRef', () => {
  const originalNodeEnv = process.env.NODE_ENV;

  afterEach(() => {
    process.env.NODE_ENV = originalNodeEnv;
  });

  it('encrypts with the configured key', async () => {
    const key = randomBytes(32);
    const cipher = await startWithConfig({
      golive: { secrets: { encryptionKey: key.toString('hex') } },
    });

    const encrypted = cipher.encrypt('token');
    expect(AesGcmSecretsCipher.create({ key }).decrypt(encrypted)).toBe(
      'token',
    );
  });

  it('fails the start in production without a key', async () => {
    process.env.NODE_ENV = 'production';

    await expect(startWithConfig({})).rejects.toThrow(
      'golive.secrets.encryptionKey must be set in production',
    );
  });
});
