import { parseCondition } from './parseCondition';

/**
 * Checks the syntax of an `if` expression without evaluating it: literals,
 * references, operators and function calls (names and argument counts).
 *
 * @returns the problem, with its position, or `undefined` when the
 *   expression is valid.
 * @public
 */
export function checkCondition(expression: string): string | undefined {
  try {
    parseCondition(expression);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
