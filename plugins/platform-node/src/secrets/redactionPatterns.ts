/**
 * Secrets shorter than this many characters are not masked: a value such as
 * `a` or `ok` would mask unrelated text all over a log and make it useless,
 * while hiding almost nothing.
 *
 * @public
 */
export const MIN_SECRET_LENGTH = 4;

/**
 * The parts of the base64 text of `bytes` that do not depend on what comes
 * before or after them, for each of the three offsets (0, 1 or 2 bytes into
 * a group of 3) at which the bytes can sit inside a larger encoded text, plus
 * the full padded encoding of the bytes alone.
 */
function base64Forms(bytes: Buffer): string[] {
  const forms = [bytes.toString('base64')];
  for (const offset of [0, 1, 2]) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString(
      'base64',
    );
    const first = Math.ceil((offset * 8) / 6);
    const last = Math.floor(((offset + bytes.length) * 8) / 6);
    forms.push(encoded.slice(first, last));
  }

  const urlSafe = forms.map(form =>
    form.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''),
  );
  return [...forms, ...urlSafe];
}

/**
 * The texts under which a secret can appear in output: the value itself, its
 * base64 forms (standard and URL-safe, alone or inside a larger encoded
 * text), its URL-encoded forms and its form inside a JSON string.
 *
 * @remarks
 *
 * Returns nothing for values shorter than {@link MIN_SECRET_LENGTH}.
 */
export function redactionPatterns(secret: string): string[] {
  if (secret.length < MIN_SECRET_LENGTH) {
    return [];
  }

  const uriEncoded = encodeURIComponent(secret);
  const patterns = [
    secret,
    uriEncoded,
    uriEncoded.replace(/%[0-9A-F]{2}/g, escape => escape.toLowerCase()),
    new URLSearchParams({ v: secret }).toString().slice(2),
    // As it appears inside a JSON string, with quotes and backslashes escaped
    JSON.stringify(secret).slice(1, -1),
    ...base64Forms(Buffer.from(secret, 'utf8')),
  ];
  return [...new Set(patterns)].filter(
    pattern => pattern.length >= MIN_SECRET_LENGTH,
  );
}
