import { InputError } from '@backstage/errors';
import {
  ConditionNode,
  ConditionValue,
  parseCondition,
} from './parseCondition';
import type { ConditionContext } from './types';

const STATUS_FUNCTIONS = new Set(['success', 'failure', 'always']);

function usesStatusFunction(node: ConditionNode): boolean {
  switch (node.type) {
    case 'call':
      return (
        STATUS_FUNCTIONS.has(node.name) || node.args.some(usesStatusFunction)
      );
    case 'not':
      return usesStatusFunction(node.operand);
    case 'binary':
      return usesStatusFunction(node.left) || usesStatusFunction(node.right);
    default:
      return false;
  }
}

function own<T>(record: Record<string, T> | undefined, key: string) {
  return record && Object.hasOwn(record, key) ? record[key] : undefined;
}

function truthy(value: ConditionValue): boolean {
  return value !== null && value !== false && value !== 0 && value !== '';
}

function text(value: ConditionValue): string {
  return value === null ? '' : String(value);
}

/** Same types compare as they are; mixed types compare as text. */
function equals(left: ConditionValue, right: ConditionValue): boolean {
  if (typeof left === typeof right) {
    return left === right;
  }
  return text(left) === text(right);
}

function read(
  node: Extract<ConditionNode, { type: 'reference' }>,
  context: ConditionContext,
): ConditionValue {
  switch (node.scope) {
    case 'git':
      return own(context.git as Record<string, string>, node.name) ?? null;
    case 'needs':
      return own(context.needs, node.name)?.result ?? null;
    default:
      return own(context[node.scope], node.name) ?? null;
  }
}

function evaluate(node: ConditionNode, context: ConditionContext) {
  const results = Object.values(context.needs).map(need => need.result);
  const run = (current: ConditionNode): ConditionValue => {
    switch (current.type) {
      case 'literal':
        return current.value;
      case 'reference':
        return read(current, context);
      case 'not':
        return !truthy(run(current.operand));
      case 'binary':
        if (current.operator === '&&') {
          return truthy(run(current.left)) && truthy(run(current.right));
        }
        if (current.operator === '||') {
          return truthy(run(current.left)) || truthy(run(current.right));
        }
        return (
          equals(run(current.left), run(current.right)) ===
          (current.operator === '==')
        );
      case 'call': {
        const [a, b] = current.args.map(arg => text(run(arg)));
        switch (current.name) {
          case 'startsWith':
            return a.startsWith(b);
          case 'endsWith':
            return a.endsWith(b);
          case 'contains':
            return a.includes(b);
          case 'success':
            return results.every(result => result === 'success');
          case 'failure':
            return results.some(result => result === 'failure');
          default:
            return true; // always()
        }
      }
      default:
        return null;
    }
  };
  return run(node);
}

/**
 * Evaluates a job's `if` expression (optionally wrapped in `${{ }}`).
 *
 * When the expression calls none of `success()`, `failure()` and
 * `always()`, it is read as `success() && (expression)`: a job whose needed
 * jobs did not all succeed is skipped unless it asks otherwise.
 *
 * Values that are absent from the context read as `null`. `==` compares
 * values of the same type directly and values of different types as text
 * (`null` is the empty text), so `matrix.node == '22'` holds for the
 * number 22. `startsWith`, `endsWith` and `contains` compare text, case
 * sensitively. `false`, `null`, `0` and `''` are false; other values true.
 *
 * @throws InputError when the expression is not valid, with the reason
 *   and its position.
 * @public
 */
export function evaluateCondition(
  expression: string,
  context: ConditionContext,
): boolean {
  let node: ConditionNode;
  try {
    node = parseCondition(expression);
  } catch (error) {
    throw new InputError(
      `Invalid condition "${expression}": ${(error as Error).message}`,
    );
  }
  const value = truthy(evaluate(node, context));
  if (usesStatusFunction(node)) {
    return value;
  }
  return (
    value && Object.values(context.needs).every(n => n.result === 'success')
  );
}
