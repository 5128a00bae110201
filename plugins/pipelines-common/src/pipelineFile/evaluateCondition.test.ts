import { InputError } from '@backstage/errors';
import { evaluateCondition } from './evaluateCondition';
import type { ConditionContext } from './types';

const context: ConditionContext = {
  git: {
    ref: 'refs/heads/release/1.2',
    sha: 'abc123',
    branch: 'release/1.2',
    event: 'push',
    actor: 'jane',
  },
  inputs: { deploy: true, target: 'staging', count: '3' },
  env: { STAGE: 'qa', EMPTY: '' },
  needs: { build: { result: 'success' }, test: { result: 'success' } },
  matrix: { node: 22, os: 'linux' },
};

const failed: ConditionContext = {
  ...context,
  needs: { build: { result: 'success' }, test: { result: 'failure' } },
};

describe('evaluateCondition', () => {
  it.each([
    ['true', true],
    ['false', false],
    ['null', false],
    ["'text'", true],
    ['""', false],
    ['0', false],
    ['1.5', true],
    ["git.branch == 'release/1.2'", true],
    ['git.branch == "main"', false],
    ["git.tag == ''", true],
    ['git.tag == null', true],
    ["git.event != 'pull_request'", true],
    ["git.actor == 'jane' && git.sha == 'abc123'", true],
    ['inputs.deploy', true],
    ['inputs.deploy == true', true],
    ["inputs.deploy == 'true'", true],
    ['inputs.count == 3', true],
    ['inputs.missing', false],
    ["env.STAGE == 'qa'", true],
    ['env.EMPTY', false],
    ['matrix.node == 22', true],
    ["matrix.node == '22'", true],
    ["matrix.node == '22.0'", false],
    ["needs.build.result == 'success'", true],
    ['needs.unknown.result == null', true],
    ["startsWith(git.ref, 'refs/heads/')", true],
    ["endsWith(git.ref, '/1.2')", true],
    ["contains(git.branch, 'release')", true],
    ["contains(git.branch, 'RELEASE')", false],
    ["startsWith(matrix.node, '2')", true],
    ['!inputs.deploy', false],
    ['!!inputs.deploy', true],
    ['success()', true],
    ['failure()', false],
    ['always()', true],
    ["${{ git.branch == 'release/1.2' }}", true],
    ['  ${{ false }}  ', false],
    ["'it\\'s' == \"it's\"", true],
  ])('evaluates %s to %s', (expression, expected) => {
    expect(evaluateCondition(expression, context)).toBe(expected);
  });

  it.each([
    // ! binds tighter than ==, which binds tighter than &&, then ||.
    ['!false == true', true],
    ['!(false == true)', true],
    ['true || false && false', true],
    ['(true || false) && false', false],
    ["false && true || git.actor == 'jane'", true],
    ['false == false && false', false],
    ['true == false || true', true],
  ])('applies precedence in %s', (expression, expected) => {
    expect(evaluateCondition(expression, context)).toBe(expected);
  });

  it('skips the job when a needed job did not succeed, unless it asks otherwise', () => {
    expect(evaluateCondition('true', failed)).toBe(false);
    expect(evaluateCondition('success()', failed)).toBe(false);
    expect(evaluateCondition('failure()', failed)).toBe(true);
    expect(evaluateCondition('always()', failed)).toBe(true);
    expect(
      evaluateCondition("always() && inputs.target == 'prod'", failed),
    ).toBe(false);
  });

  it('reads properties only, never the prototype of the context', () => {
    expect(evaluateCondition('inputs.constructor', context)).toBe(false);
    expect(evaluateCondition('needs.toString.result', context)).toBe(false);
  });

  it.each([
    ['', 'Expression is empty'],
    ['${{ }}', 'Expression is empty'],
    [
      "git.branch = 'main'",
      'Unexpected character "=" at position 12 (use "==")',
    ],
    ['foo', 'Unknown name "foo" at position 1'],
    ['true & false', 'Unexpected character "&" at position 6 (use "&&")'],
    ["'open", 'Unterminated string starting at position 1'],
    ['true ==', 'Expected a value but found end of expression at position 8'],
    ['(true', 'Missing ")" to close "(" at position 1'],
    ['true)', 'Unexpected ")" at position 5'],
    ['true false', 'Unexpected "false" at position 6'],
    ['git', 'Expected "." and a property after "git" at position 4'],
    ['git.author', 'Unknown property "git.author" at position 1'],
    ['git.branch.name', 'Unexpected "." at position 11'],
    ['inputs.', 'Expected a property name after "inputs." at position 8'],
    [
      'needs.build',
      'Expected "." and a property after "needs.build" at position 12',
    ],
    [
      'needs.build.status',
      'Unknown property "needs.build.status" (only "result" exists) at position 1',
    ],
    ['secrets.TOKEN', 'Unknown name "secrets" at position 1'],
    ['eval("1")', 'Unknown function "eval" at position 1'],
    ['success', 'Expected "(" after "success" at position 8'],
    [
      "startsWith('a')",
      'Function "startsWith" takes 2 arguments, got 1 at position 1',
    ],
    [
      'always(true)',
      'Function "always" takes 0 arguments, got 1 at position 1',
    ],
    [
      "contains('a', 'b'",
      'Missing ")" after the arguments of "contains" at position 18',
    ],
    ['1 + 2', 'Unexpected character "+" at position 3'],
    [
      `${'('.repeat(40)}true${')'.repeat(40)}`,
      'Expression nests deeper than 32 levels at position 33',
    ],
  ])('refuses %j: %s', (expression, message) => {
    expect(() => evaluateCondition(expression, context)).toThrow(
      new InputError(`Invalid condition "${expression}": ${message}`),
    );
  });

  it('refuses an expression of more than 1000 tokens', () => {
    const expression = Array(501).fill('true').join(' && ');

    expect(() => evaluateCondition(expression, context)).toThrow(
      'Expression is too long: more than 1000 tokens',
    );
    expect(
      evaluateCondition(Array(500).fill('true').join(' && '), context),
    ).toBe(true);
  });

  it('throws an InputError', () => {
    expect(() => evaluateCondition('nope', context)).toThrow(InputError);
  });
});
