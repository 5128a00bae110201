import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares two secrets in constant time, whatever their lengths: both are
 * hashed first, so the comparison never reveals the expected length.
 */
export function timingSafeStringEqual(actual: string, expected: string) {
  const digest = (value: string) =>
    createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(actual), digest(expected));
}
