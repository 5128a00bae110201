import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { resolveDataDirectory } from '../storage/resolveDataDirectory';
import { SecretsCipher } from './SecretsCipher';
import { loadDevelopmentKey } from './loadDevelopmentKey';
import { selectEncryptionKeySource } from './selectEncryptionKeySource';

// TODO(golive): key rotation: a v2 format naming its key, and decrypt()
// accepting previous keys from config, so the key can change without making
// stored secrets unreadable.
const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function decodePart(part: string, what: string): Buffer {
  if (!BASE64.test(part)) {
    throw new InputError(`Encrypted secret has a malformed ${what}`);
  }
  return Buffer.from(part, 'base64');
}

/**
 * A {@link SecretsCipher} using AES-256-GCM.
 *
 * @remarks
 *
 * Each value gets a random 12-byte IV; the output is
 * `v1:<iv>:<tag>:<ciphertext>` with each part in base64. The version prefix
 * leaves room for key rotation: a later format can name the key it used.
 *
 * @public
 */
export class AesGcmSecretsCipher implements SecretsCipher {
  readonly #key: Buffer;

  /**
   * Creates a cipher with the key from `golive.secrets.encryptionKey`.
   *
   * @remarks
   *
   * Without a configured key, production (`NODE_ENV=production`, or
   * `deps.nodeEnv`) fails with a message saying how to set one; elsewhere a
   * development key is created in `<golive.dataDirectory>/secrets/` and a
   * warning is logged.
   */
  static async fromConfig(
    config: Config,
    deps: { logger: LoggerService; nodeEnv?: string },
  ): Promise<AesGcmSecretsCipher> {
    const logger = deps.logger.child({ component: 'secrets' });
    const source = selectEncryptionKeySource({
      configuredKey: config.getOptionalString('golive.secrets.encryptionKey'),
      nodeEnv: 'nodeEnv' in deps ? deps.nodeEnv : process.env.NODE_ENV,
    });
    if (source.type === 'configured') {
      return AesGcmSecretsCipher.create({ key: source.key });
    }

    const file = join(
      resolveDataDirectory(config),
      'secrets',
      'development-encryption.key',
    );
    logger.warn(
      'No golive.secrets.encryptionKey configured; using a development key from the data directory. This is for development only: set golive.secrets.encryptionKey in production',
      { file },
    );
    return AesGcmSecretsCipher.create({ key: await loadDevelopmentKey(file) });
  }

  /** Creates a cipher with a 32-byte key. */
  static create(options: { key: Buffer }): AesGcmSecretsCipher {
    if (options.key.length !== 32) {
      throw new Error(
        `The encryption key must be 32 bytes, got ${options.key.length}`,
      );
    }
    return new AesGcmSecretsCipher(Buffer.from(options.key));
  }

  private constructor(key: Buffer) {
    this.#key = key;
  }

  encrypt(plaintext: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.#key, iv);
    const ciphertext = Buffer.concat([
      cipher.update(plaintext, 'utf8'),
      cipher.final(),
    ]);
    const tag = cipher.getAuthTag();

    return [VERSION, iv, tag, ciphertext]
      .map(part => (typeof part === 'string' ? part : part.toString('base64')))
      .join(':');
  }

  decrypt(encrypted: string): string {
    const parts = encrypted.split(':');
    if (parts.length !== 4) {
      throw new InputError(
        'Encrypted secret is not in the "v1:<iv>:<tag>:<ciphertext>" format',
      );
    }
    if (parts[0] !== VERSION) {
      throw new InputError(
        `Encrypted secret has the unsupported format version "${parts[0]}"`,
      );
    }
    const iv = decodePart(parts[1], 'IV');
    const tag = decodePart(parts[2], 'authentication tag');
    const ciphertext = decodePart(parts[3], 'ciphertext');
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
      throw new InputError(
        'Encrypted secret has an IV or authentication tag of the wrong length',
      );
    }

    const decipher = createDecipheriv(ALGORITHM, this.#key, iv, {
      authTagLength: TAG_BYTES,
    });
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([
        decipher.update(ciphertext),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      throw new InputError(
        'Encrypted secret failed its integrity check: it was altered or encrypted with another key',
      );
    }
  }
}
