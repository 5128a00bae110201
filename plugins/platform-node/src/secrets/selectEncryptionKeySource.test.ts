import { randomBytes } from 'node:crypto';
import { selectEncryptionKeySource } from './selectEncryptionKeySource';

describe('selectEncryptionKeySource', () => {
  const key = randomBytes(32);

  it.each(['production', 'development', 'test', undefined])(
    'uses a configured key when NODE_ENV is %s',
    nodeEnv => {
      expect(
        selectEncryptionKeySource({
          configuredKey: key.toString('hex'),
          nodeEnv,
        }),
      ).toEqual({ type: 'configured', key });
    },
  );

  it('refuses to start in production without a key and says how to make one', () => {
    expect(() =>
      selectEncryptionKeySource({
        configuredKey: undefined,
        nodeEnv: 'production',
      }),
    ).toThrow(
      /golive\.secrets\.encryptionKey must be set in production.*openssl rand -hex 32/,
    );
  });

  it('refuses a malformed key in production without printing it', () => {
    expect(() =>
      selectEncryptionKeySource({
        configuredKey: 'hunter2-hunter2',
        nodeEnv: 'production',
      }),
    ).toThrow(
      /^golive\.secrets\.encryptionKey decodes to 11 bytes(?!.*hunter2)/,
    );
  });

  it.each(['development', 'test', undefined])(
    'falls back to a development key when NODE_ENV is %s',
    nodeEnv => {
      expect(
        selectEncryptionKeySource({ configuredKey: undefined, nodeEnv }),
      ).toEqual({ type: 'development' });
    },
  );
});
