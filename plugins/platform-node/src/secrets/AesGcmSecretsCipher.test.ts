import { LoggerService } from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { AesGcmSecretsCipher } from './AesGcmSecretsCipher';

function flip(base64: string): string {
  const bytes = Buffer.from(base64, 'base64');
  bytes[0] ^= 1;
  return bytes.toString('base64');
}

describe('AesGcmSecretsCipher', () => {
  const cipher = AesGcmSecretsCipher.create({ key: randomBytes(32) });

  it.each(['', 'ghp_abc123', 'pässwört 🔑 ключ', 'x'.repeat(10_000)])(
    'round-trips %j',
    value => {
      expect(cipher.decrypt(cipher.encrypt(value))).toBe(value);
    },
  );

  it('writes the versioned format with a fresh 12-byte IV each time', () => {
    const first = cipher.encrypt('same value');
    const second = cipher.encrypt('same value');
    const [version, iv, tag, ciphertext] = first.split(':');

    expect(first).not.toBe(second);
    expect(version).toBe('v1');
    expect(Buffer.from(iv, 'base64')).toHaveLength(12);
    expect(Buffer.from(tag, 'base64')).toHaveLength(16);
    expect(Buffer.from(ciphertext, 'base64')).toHaveLength(10);
    expect(first).not.toContain('same value');
  });

  it.each([
    ['ciphertext', 3],
    ['tag', 2],
    ['IV', 1],
  ])('detects a tampered %s', (_part, index) => {
    const parts = cipher.encrypt('deploy token').split(':');
    parts[index] = flip(parts[index]);

    expect(() => cipher.decrypt(parts.join(':'))).toThrow(
      new InputError(
        'Encrypted secret failed its integrity check: it was altered or encrypted with another key',
      ),
    );
  });

  it('refuses a value encrypted with another key', () => {
    const other = AesGcmSecretsCipher.create({ key: randomBytes(32) });

    expect(() => other.decrypt(cipher.encrypt('deploy token'))).toThrow(
      'integrity check',
    );
  });

  it.each([
    ['plain text', 'not in the "v1:<iv>:<tag>:<ciphertext>" format'],
    ['v1:a:b', 'not in the'],
    ['v9:AAAA:AAAA:AAAA', 'unsupported format version "v9"'],
    ['v1:!!:AAAA:AAAA', 'malformed IV'],
    ['v1:AAAA:AAAA:AAAA', 'wrong length'],
  ])('refuses the malformed value %j', (value, problem) => {
    expect(() => cipher.decrypt(value)).toThrow(problem);
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => AesGcmSecretsCipher.create({ key: randomBytes(16) })).toThrow(
      'must be 32 bytes, got 16',
    );
  });

  describe('fromConfig', () => {
    const mockDir = createMockDirectory();
    const warnings: Array<{ message: string; meta: unknown }> = [];
    const logger: LoggerService = {
      child: () => logger,
      warn: (message, meta) => warnings.push({ message, meta }),
      info: () => {},
      error: () => {},
      debug: () => {},
    };

    beforeEach(() => {
      mockDir.clear();
      warnings.length = 0;
    });

    function configWith(secrets?: object) {
      return mockServices.rootConfig({
        data: { golive: { dataDirectory: mockDir.path, secrets } },
      });
    }

    it('uses the configured key', async () => {
      const key = randomBytes(32);
      const fromConfig = await AesGcmSecretsCipher.fromConfig(
        configWith({ encryptionKey: key.toString('base64') }),
        { logger, nodeEnv: 'production' },
      );

      const encrypted = fromConfig.encrypt('value');
      expect(AesGcmSecretsCipher.create({ key }).decrypt(encrypted)).toBe(
        'value',
      );
    });

    it('fails in production without a key', async () => {
      await expect(
        AesGcmSecretsCipher.fromConfig(configWith(), {
          logger,
          nodeEnv: 'production',
        }),
      ).rejects.toThrow('golive.secrets.encryptionKey must be set');
    });

    it('keeps a development key in a private file and reuses it', async () => {
      const first = await AesGcmSecretsCipher.fromConfig(configWith(), {
        logger,
        nodeEnv: 'development',
      });
      const second = await AesGcmSecretsCipher.fromConfig(configWith(), {
        logger,
        nodeEnv: undefined,
      });

      expect(second.decrypt(first.encrypt('kept'))).toBe('kept');
      const file = mockDir.resolve('secrets/development-encryption.key');
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect(warnings).toEqual([
        {
          message: expect.stringContaining('development only'),
          meta: { file },
        },
        {
          message: expect.stringContaining('development only'),
          meta: { file },
        },
      ]);
    });
  });
});
