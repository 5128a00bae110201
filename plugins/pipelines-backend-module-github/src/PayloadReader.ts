import { InputError } from '@backstage/errors';

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads dotted paths of a webhook payload, throwing an `InputError` that
 * names the path when a field is missing or of the wrong type.
 */
export class PayloadReader {
  constructor(readonly event: string, private readonly payload: Json) {}

  missing(path: string, expected = 'a string'): InputError {
    return new InputError(
      `GitHub '${this.event}' delivery lacks ${path} (${expected})`,
    );
  }

  string(path: string): string {
    const value = this.optionalString(path);
    if (value === undefined) {
      throw this.missing(path);
    }
    return value;
  }

  optionalString(path: string): string | undefined {
    const value = this.#get(path);
    if (value === undefined || value === null) {
      return undefined;
    }
    if (typeof value !== 'string' || value === '') {
      throw this.missing(path);
    }
    return value;
  }

  number(path: string): number {
    const value = this.#get(path);
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      throw this.missing(path, 'an integer');
    }
    return value;
  }

  optionalBoolean(path: string): boolean | undefined {
    const value = this.#get(path);
    if (value === undefined || value === null) {
      return undefined;
    }
    if (typeof value !== 'boolean') {
      throw this.missing(path, 'true or false');
    }
    return value;
  }

  object(path: string): Json {
    const value = this.optionalObject(path);
    if (!value) {
      throw this.missing(path, 'an object');
    }
    return value;
  }

  optionalObject(path: string): Json | undefined {
    const value = this.#get(path);
    if (value === undefined || value === null) {
      return undefined;
    }
    if (!isObject(value)) {
      throw this.missing(path, 'an object');
    }
    return value;
  }

  #get(path: string): unknown {
    let value: unknown = this.payload;
    for (const key of path.split('.')) {
      if (!isObject(value)) {
        return undefined;
      }
      value = value[key];
    }
    return value;
  }
}
