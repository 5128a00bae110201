import { InputError } from '@backstage/errors';

/**
 * Parses a webhook body as a JSON object.
 *
 * @throws InputError when the body is not JSON or not an object.
 *
 * @public
 */
export function parseJsonObject(
  rawBody: Buffer,
  what: string,
): Record<string, unknown> {
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new InputError(`${what} body is not valid JSON`);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InputError(`${what} body is not a JSON object`);
  }
  return body as Record<string, unknown>;
}

/**
 * The value at a dotted path such as `project.web_url`, if any.
 *
 * @public
 */
export function fieldAt(body: unknown, path: string): unknown {
  let value: unknown = body;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null) {
      return undefined;
    }
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/**
 * @throws InputError naming the field when it is not a non-empty string.
 *
 * @public
 */
export function requireString(body: unknown, path: string, what: string) {
  const value = fieldAt(body, path);
  if (typeof value !== 'string' || value === '') {
    throw new InputError(`${what} lacks the string field '${path}'`);
  }
  return value;
}

/**
 * @throws InputError naming the field when it is not an integer.
 *
 * @public
 */
export function requireInteger(body: unknown, path: string, what: string) {
  const value = fieldAt(body, path);
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new InputError(`${what} lacks the integer field '${path}'`);
  }
  return value;
}

/**
 * The string at a path, or undefined when it is absent or not a string.
 *
 * @public
 */
export function optionalString(body: unknown, path: string) {
  const value = fieldAt(body, path);
  return typeof value === 'string' && value !== '' ? value : undefined;
}
