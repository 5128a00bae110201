import { Transform } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { SecretRedactor } from './SecretRedactor';

/**
 * Creates a stream that passes text through with the given secrets masked,
 * as {@link SecretRedactor} does.
 *
 * @remarks
 *
 * Takes UTF-8 bytes or strings and gives UTF-8 bytes; a multi-byte character
 * split across chunks is decoded whole. Everything held back is released
 * when the input ends.
 *
 * @example
 * ```ts
 * await pipeline(child.stdout, createRedactingTransform(secrets), logSink);
 * ```
 *
 * @public
 */
export function createRedactingTransform(secrets: Iterable<string>): Transform {
  const redactor = SecretRedactor.create(secrets);
  const decoder = new StringDecoder('utf8');

  return new Transform({
    decodeStrings: false,
    transform(chunk: Buffer | string, _encoding, callback) {
      const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
      const output = redactor.write(text);
      if (output !== '') {
        this.push(output);
      }
      callback();
    },
    flush(callback) {
      const output = redactor.write(decoder.end()) + redactor.end();
      if (output !== '') {
        this.push(output);
      }
      callback();
    },
  });
}
