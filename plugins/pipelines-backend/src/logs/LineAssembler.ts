import { SecretRedactor } from '@golive/platform-node';

/** Most bytes (UTF-8) of one stored line. */
export const MAX_LINE_BYTES = 64 * 1024;

const CUT_NOTE = ' [line cut at 64 KiB]';

/**
 * Characters an unfinished line may hold before it is masked on the fly
 * rather than as a whole; bounds memory for output without newlines.
 */
const MAX_PENDING_CHARS = 2 * MAX_LINE_BYTES;

/** The longest prefix of the text that fits in `maxBytes` of UTF-8. */
function cutToBytes(text: string, maxBytes: number): string {
  let bytes = 0;
  let index = 0;
  while (index < text.length) {
    const code = text.codePointAt(index)!;
    let size = 4;
    if (code < 0x80) size = 1;
    else if (code < 0x800) size = 2;
    else if (code < 0x10000) size = 3;
    if (bytes + size > maxBytes) {
      break;
    }
    bytes += size;
    index += code >= 0x10000 ? 2 : 1;
  }
  return text.slice(0, index);
}

function capLine(line: string): string {
  const text = line.endsWith('\r') ? line.slice(0, -1) : line;
  // Fewer characters than bytes allowed cannot exceed the limit.
  if (text.length * 3 <= MAX_LINE_BYTES) {
    return text;
  }
  if (Buffer.byteLength(text) <= MAX_LINE_BYTES) {
    return text;
  }
  return cutToBytes(text, MAX_LINE_BYTES - CUT_NOTE.length) + CUT_NOTE;
}

/**
 * Turns the chunks of one output stream into complete, masked lines.
 *
 * @remarks
 *
 * The raw text of a line is kept until its newline arrives, then masked as
 * a whole, so a secret split across chunks is masked and a finished line is
 * never held back. NUL characters are dropped before masking. A line longer
 * than {@link MAX_LINE_BYTES} is cut with a note, and the rest of it up to
 * its newline is dropped.
 */
export class LineAssembler {
  readonly #redactor: SecretRedactor;
  /** Raw text of the unfinished line. */
  #pending = '';
  /** Masked text of an overlong unfinished line, masked on the fly. */
  #streamed: string | undefined;
  /** The unfinished line was already emitted cut; drop up to its end. */
  #discarding = false;

  constructor(secrets: string[]) {
    // Lines of a multi-line secret are masked one by one, as a line never
    // holds more than one of them.
    const values = secrets.flatMap(secret =>
      secret.includes('\n')
        ? [secret, ...secret.split(/\r?\n/).map(part => part.trim())]
        : [secret],
    );
    this.#redactor = SecretRedactor.create(values);
  }

  /** Takes a chunk; returns the lines it completed. */
  write(chunk: string): string[] {
    const text = chunk.includes('\0') ? chunk.replace(/\0/g, '') : chunk;
    const lines: string[] = [];
    let start = 0;
    let newline = text.indexOf('\n');
    while (newline !== -1) {
      this.#take(text.slice(start, newline), lines);
      const line = this.#finishLine();
      if (line !== undefined) {
        lines.push(line);
      }
      start = newline + 1;
      newline = text.indexOf('\n', start);
    }
    this.#take(text.slice(start), lines);
    return lines;
  }

  /** Ends the unfinished line, if any; returns it. */
  end(): string[] {
    if (this.#pending === '' && this.#streamed === undefined) {
      this.#discarding = false;
      return [];
    }
    const line = this.#finishLine();
    return line === undefined ? [] : [line];
  }

  #take(text: string, lines: string[]) {
    if (this.#discarding || text === '') {
      return;
    }
    let fresh = text;
    if (this.#streamed === undefined) {
      this.#pending += text;
      if (this.#pending.length <= MAX_PENDING_CHARS) {
        return;
      }
      this.#streamed = '';
      fresh = this.#pending;
      this.#pending = '';
    }

    // Everything the redactor returns is final, masks included.
    this.#streamed += this.#redactor.write(fresh);
    if (Buffer.byteLength(this.#streamed) > MAX_LINE_BYTES) {
      lines.push(capLine(this.#streamed));
      this.#redactor.end();
      this.#streamed = undefined;
      this.#discarding = true;
    }
  }

  #finishLine(): string | undefined {
    if (this.#discarding) {
      this.#discarding = false;
      return undefined;
    }
    const masked =
      (this.#streamed ?? '') +
      this.#redactor.write(this.#pending) +
      this.#redactor.end();
    this.#pending = '';
    this.#streamed = undefined;
    return capLine(masked);
  }
}
