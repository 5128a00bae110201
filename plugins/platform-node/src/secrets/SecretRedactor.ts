import { redactionPatterns } from './redactionPatterns';

/** What replaces each secret in the output. */
const MASK = '***';

interface Region {
  start: number;
  end: number;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/**
 * Masks secret values in text that arrives in chunks, such as the output of
 * a pipeline step.
 *
 * @remarks
 *
 * Each secret is masked with `***` wherever it appears as is, in base64
 * (standard or URL-safe) or URL-encoded, also when a chunk boundary splits
 * it. To do so the redactor holds back at most the length of its longest
 * pattern minus one character (one more when that would split a surrogate
 * pair) until more text or {@link SecretRedactor.end} arrives. Secrets
 * shorter than `MIN_SECRET_LENGTH` are ignored. One instance serves
 * one stream; create another for the next.
 *
 * @example
 * ```ts
 * const redactor = SecretRedactor.create([token]);
 * for await (const chunk of output) send(redactor.write(chunk));
 * send(redactor.end());
 * ```
 *
 * @public
 */
export class SecretRedactor {
  readonly #patterns: string[];
  readonly #holdBack: number;
  /** Text received but not returned yet. */
  #pending = '';
  /** The end of the text already returned, kept to match across chunks. */
  #returned = '';

  /** Creates a redactor for the given secret values. */
  static create(secrets: Iterable<string>): SecretRedactor {
    const patterns = new Set<string>();
    for (const secret of secrets) {
      redactionPatterns(secret).forEach(pattern => patterns.add(pattern));
    }
    return new SecretRedactor([...patterns]);
  }

  private constructor(patterns: string[]) {
    this.#patterns = patterns;
    this.#holdBack = Math.max(0, ...patterns.map(p => p.length - 1));
  }

  /**
   * Takes the next chunk and returns the text that is now safe to pass on,
   * possibly empty.
   */
  write(chunk: string): string {
    return this.#drain(this.#pending + chunk, false);
  }

  /** Returns the rest of the text once the stream has ended. */
  end(): string {
    const rest = this.#drain(this.#pending, true);
    this.#returned = '';
    return rest;
  }

  #drain(fresh: string, final: boolean): string {
    const text = this.#returned + fresh;
    const from = this.#returned.length;
    const regions = this.#findRegions(text, from);

    // Anything starting before the boundary is complete; a region that
    // crosses it is known in full and may be released with it.
    let boundary = final ? text.length : text.length - this.#holdBack;
    boundary = Math.max(boundary, from);
    if (
      boundary > from &&
      boundary < text.length &&
      isHighSurrogate(text.charCodeAt(boundary - 1))
    ) {
      boundary -= 1;
    }
    const crossing = regions.find(r => r.start < boundary && r.end > boundary);
    if (crossing) {
      boundary = crossing.end;
    }

    let output = '';
    let position = from;
    for (const region of regions) {
      if (region.start >= boundary) {
        break;
      }
      output += text.slice(position, Math.max(position, region.start));
      // A region that started in returned text continues a mask already sent
      if (region.start >= from) {
        output += MASK;
      }
      position = region.end;
    }
    output += text.slice(position, boundary);

    this.#pending = text.slice(boundary);
    this.#returned = text.slice(
      Math.max(0, boundary - this.#holdBack),
      boundary,
    );
    return output;
  }

  /**
   * Finds every occurrence of every pattern that reaches past `from`, and
   * merges overlapping or touching ones into sorted regions.
   */
  #findRegions(text: string, from: number): Region[] {
    const found: Region[] = [];
    for (const pattern of this.#patterns) {
      let index = text.indexOf(pattern, Math.max(0, from - pattern.length + 1));
      while (index !== -1) {
        found.push({ start: index, end: index + pattern.length });
        index = text.indexOf(pattern, index + 1);
      }
    }
    found.sort((a, b) => a.start - b.start);

    const merged: Region[] = [];
    for (const region of found) {
      const last = merged[merged.length - 1];
      if (last && region.start <= last.end) {
        last.end = Math.max(last.end, region.end);
      } else {
        merged.push({ ...region });
      }
    }
    return merged;
  }
}
