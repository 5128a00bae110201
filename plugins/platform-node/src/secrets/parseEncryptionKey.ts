const HEX_KEY = /^[0-9a-fA-F]{64}$/;
const BASE64_KEY = /^(?:[A-Za-z0-9+/]+|[A-Za-z0-9_-]+)={0,2}$/;

/**
 * Reads a 32-byte AES-256 key written as 64 hex characters or as base64
 * (standard or URL-safe alphabet).
 *
 * @remarks
 *
 * Errors name `source` (by default `golive.secrets.encryptionKey`) and what
 * is wrong with the value, never the value itself.
 *
 * @public
 */
export function parseEncryptionKey(
  value: string,
  source: string = 'golive.secrets.encryptionKey',
): Buffer {
  const trimmed = value.trim();
  const expected =
    'use 32 random bytes written as 64 hex characters or as base64, for example the output of "openssl rand -hex 32"';
  if (trimmed === '') {
    throw new Error(`${source} is empty; ${expected}`);
  }
  if (HEX_KEY.test(trimmed)) {
    return Buffer.from(trimmed, 'hex');
  }
  if (!BASE64_KEY.test(trimmed)) {
    throw new Error(
      `${source} is neither 64 hex characters nor base64; ${expected}`,
    );
  }

  const key = Buffer.from(trimmed, 'base64');
  if (key.length !== 32) {
    throw new Error(
      `${source} decodes to ${key.length} bytes instead of 32; ${expected}`,
    );
  }
  return key;
}
