import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { createRedactingTransform } from './createRedactingTransform';

describe('createRedactingTransform', () => {
  it('masks secrets in bytes split inside characters and inside the secret', async () => {
    const bytes = Buffer.from('før deploy: tøken-1234 ✓ tøken-1234');
    const chunks = [...bytes].map(byte => Buffer.from([byte]));

    const output = await text(
      Readable.from(chunks).pipe(createRedactingTransform(['tøken-1234'])),
    );

    expect(output).toBe('før deploy: *** ✓ ***');
  });

  it('takes string chunks', async () => {
    const output = await text(
      Readable.from(['a secr', 'et-value b']).pipe(
        createRedactingTransform(['secret-value']),
      ),
    );

    expect(output).toBe('a *** b');
  });

  it('passes text through unchanged without secrets', async () => {
    const output = await text(
      Readable.from([Buffer.from('line 1\n'), Buffer.from('line 2\n')]).pipe(
        createRedactingTransform([]),
      ),
    );

    expect(output).toBe('line 1\nline 2\n');
  });
});
