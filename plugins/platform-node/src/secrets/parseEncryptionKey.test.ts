import { randomBytes } from 'node:crypto';
import { parseEncryptionKey } from './parseEncryptionKey';

describe('parseEncryptionKey', () => {
  const key = randomBytes(32);

  it('reads 64 hex characters, in either case and with surrounding space', () => {
    expect(parseEncryptionKey(key.toString('hex'))).toEqual(key);
    expect(
      parseEncryptionKey(` ${key.toString('hex').toUpperCase()}\n`),
    ).toEqual(key);
  });

  it('reads standard, URL-safe and unpadded base64', () => {
    expect(parseEncryptionKey(key.toString('base64'))).toEqual(key);
    expect(parseEncryptionKey(key.toString('base64url'))).toEqual(key);
    expect(
      parseEncryptionKey(key.toString('base64').replace(/=+$/, '')),
    ).toEqual(key);
  });

  it.each(['', '   '])('refuses the empty key %j', value => {
    expect(() => parseEncryptionKey(value)).toThrow(
      /^golive\.secrets\.encryptionKey is empty; .*openssl rand -hex 32/,
    );
  });

  it.each([
    ['not a key!', 'is neither 64 hex characters nor base64'],
    [randomBytes(24).toString('base64'), 'decodes to 24 bytes instead of 32'],
    [randomBytes(32).toString('hex').slice(1), 'decodes to'],
  ])('refuses a malformed key and says what is wrong', (value, problem) => {
    let message = '';
    try {
      parseEncryptionKey(value);
    } catch (error) {
      message = (error as Error).message;
    }

    expect(message).toContain('golive.secrets.encryptionKey');
    expect(message).toContain(problem);
    expect(message).toContain('openssl rand -hex 32');
    expect(message).not.toContain(value);
  });

  it('names another source when given one', () => {
    expect(() => parseEncryptionKey('x!', 'The file /data/key')).toThrow(
      /^The file \/data\/key is neither/,
    );
  });
});
