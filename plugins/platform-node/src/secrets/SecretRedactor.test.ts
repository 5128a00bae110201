import { SecretRedactor } from './SecretRedactor';
import { redactionPatterns } from './redactionPatterns';

function redactChunks(secrets: string[], chunks: string[]): string {
  const redactor = SecretRedactor.create(secrets);
  return chunks.map(chunk => redactor.write(chunk)).join('') + redactor.end();
}

/** Redacts `text` split into two chunks at every possible position. */
function everyTwoWaySplit(secrets: string[], text: string): Set<string> {
  const outputs = new Set<string>();
  for (let i = 0; i <= text.length; i++) {
    outputs.add(redactChunks(secrets, [text.slice(0, i), text.slice(i)]));
  }
  return outputs;
}

describe('SecretRedactor', () => {
  const secret = 'ghp_S3cr3tT0ken';

  it('masks a secret inside one chunk', () => {
    expect(redactChunks([secret], [`token=${secret}; done`])).toBe(
      'token=***; done',
    );
  });

  it('masks a secret split across two chunks at every position', () => {
    const text = `cloning with ${secret} now`;

    expect(everyTwoWaySplit([secret], text)).toEqual(
      new Set(['cloning with *** now']),
    );
  });

  it('masks a secret split across three chunks at every pair of positions', () => {
    const text = `a${secret}b`;
    for (let i = 0; i <= text.length; i++) {
      for (let j = i; j <= text.length; j++) {
        const chunks = [text.slice(0, i), text.slice(i, j), text.slice(j)];
        expect(redactChunks([secret], chunks)).toBe('a***b');
      }
    }
  });

  it('masks a secret fed one character at a time', () => {
    const text = `x ${secret} y ${secret}`;
    expect(redactChunks([secret], [...text])).toBe('x *** y ***');
  });

  it('masks several secrets and every occurrence of each', () => {
    const text = `user=admin-user pass=${secret} again ${secret} admin-user`;

    expect(everyTwoWaySplit(['admin-user', secret], text)).toEqual(
      new Set(['user=*** pass=*** again *** ***']),
    );
  });

  it('masks overlapping secrets as one region', () => {
    const text = 'key: alpha-beta-gamma!';

    expect(everyTwoWaySplit(['alpha-beta', 'beta-gamma'], text)).toEqual(
      new Set(['key: ***!']),
    );
  });

  it('masks overlapping occurrences of a repeating secret', () => {
    expect(everyTwoWaySplit(['abab'], '[abababab]')).toEqual(
      new Set(['[***]']),
    );
    expect(redactChunks(['abab'], [...'[ababababab]'])).toBe('[***]');
  });

  it('masks the standard and URL-safe base64 forms', () => {
    const tricky = 'a>?b~~c>>';
    const standard = Buffer.from(tricky).toString('base64');
    const urlSafe = Buffer.from(tricky).toString('base64url');
    expect(standard).not.toBe(urlSafe);

    const text = `std=${standard} url=${urlSafe}`;
    expect(everyTwoWaySplit([tricky], text)).toEqual(
      new Set(['std=*** url=***']),
    );
  });

  it.each([0, 1, 2])(
    'hides a secret base64-encoded with %i bytes before it',
    offset => {
      const prefix = 'u:'.slice(0, offset);
      const encoded = Buffer.from(`${prefix}${secret}-suffix`).toString(
        'base64',
      );

      const output = redactChunks(
        [secret],
        [`Authorization: Basic ${encoded}`],
      );
      const visible = output.replace('Authorization: Basic ', '').split('***');

      expect(visible).toHaveLength(2);
      const decoded = visible
        .map(part => Buffer.from(part, 'base64').toString('latin1'))
        .join('');
      expect(decoded).not.toContain(secret.slice(0, 4));
      expect(decoded).not.toContain(secret.slice(-4));
    },
  );

  it('masks the URL-encoded forms', () => {
    const password = 'p@ss w/rd&=é';
    const text = [
      `https://host/?p=${encodeURIComponent(password)}`,
      `form: p=${new URLSearchParams({ p: password }).toString().slice(2)}`,
      `lower: ${encodeURIComponent(password).toLowerCase()}`,
    ].join('\n');

    expect(everyTwoWaySplit([password], text)).toEqual(
      new Set(['https://host/?p=***\nform: p=***\nlower: ***']),
    );
  });

  it('masks the form a secret takes inside a JSON string', () => {
    const quoted = 'pa"ss\\word';
    const text = JSON.stringify({ password: quoted });

    expect(everyTwoWaySplit([quoted], text)).toEqual(
      new Set(['{"password":"***"}']),
    );
  });

  it('masks secrets with non-ASCII characters, also split inside a surrogate pair', () => {
    const unicodeSecret = 'clé-🔑-секрет';
    const text = `→ ${unicodeSecret} ← ${Buffer.from(unicodeSecret).toString(
      'base64',
    )} ✓`;

    expect(everyTwoWaySplit([unicodeSecret], text)).toEqual(
      new Set(['→ *** ← *** ✓']),
    );
  });

  it('leaves unrelated text alone, including near misses', () => {
    const text = [
      'ghp_S3cr3tT0ke',
      'GHP_S3CR3TT0KEN',
      'hp_S3cr3tT0ken_',
      'Z2hwX1Mz',
      'Build 42 finished in 3.2s — ünïcödé ✓',
    ].join('\n');

    expect(everyTwoWaySplit([secret, 'hunter22'], text)).toEqual(
      new Set([text]),
    );
  });

  it('ignores secrets shorter than four characters and holds nothing back', () => {
    const redactor = SecretRedactor.create(['', 'a', 'ok', 'abc']);

    expect(redactor.write('a cat is ok')).toBe('a cat is ok');
    expect(redactor.end()).toBe('');
  });

  it('holds back at most the longest pattern minus one character', () => {
    const longest = Math.max(...redactionPatterns(secret).map(p => p.length));
    const redactor = SecretRedactor.create([secret]);

    let received = '';
    let returned = '';
    for (const chunk of ['plain log line\n', 'x'.repeat(100), 'y', 'zz']) {
      received += chunk;
      returned += redactor.write(chunk);
      expect(received.length - returned.length).toBeLessThanOrEqual(
        longest - 1,
      );
    }
    expect(returned + redactor.end()).toBe(received);
  });

  it('returns the held-back text at the end', () => {
    const redactor = SecretRedactor.create([secret]);

    expect(redactor.write('ghp_')).toBe('');
    expect(redactor.end()).toBe('ghp_');
  });
});
