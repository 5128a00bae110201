import {
  ConditionSymbol,
  ConditionSyntaxError,
  ConditionToken,
  tokenizeCondition,
} from './tokenizeCondition';

/** A value of the expression language. */
export type ConditionValue = string | number | boolean | null;

/** Roots that expressions can read from. */
export type ConditionScope = 'git' | 'inputs' | 'env' | 'matrix' | 'needs';

/** Functions of the expression language, by name, with their arity. */
export const CONDITION_FUNCTIONS = {
  startsWith: 2,
  endsWith: 2,
  contains: 2,
  success: 0,
  failure: 0,
  always: 0,
} as const;

/** Name of a function of the expression language. */
export type ConditionFunction = keyof typeof CONDITION_FUNCTIONS;

/** A node of a parsed `if` expression. */
export type ConditionNode =
  | { type: 'literal'; value: ConditionValue }
  /** `git.<name>`, `inputs.<name>`, `env.<name>`, `matrix.<name>` or `needs.<name>.result`. */
  | { type: 'reference'; scope: ConditionScope; name: string }
  | { type: 'not'; operand: ConditionNode }
  | {
      type: 'binary';
      operator: '==' | '!=' | '&&' | '||';
      left: ConditionNode;
      right: ConditionNode;
    }
  | { type: 'call'; name: ConditionFunction; args: ConditionNode[] };

const GIT_FIELDS = new Set(['ref', 'sha', 'branch', 'tag', 'event', 'actor']);
const SCOPES = new Set<string>(['git', 'inputs', 'env', 'matrix', 'needs']);
const LITERALS = new Map<string, ConditionValue>([
  ['true', true],
  ['false', false],
  ['null', null],
]);
const MAX_DEPTH = 32;
const MAX_TOKENS = 1000;

function describe(token: ConditionToken): string {
  if (token.kind === 'end') {
    return 'end of expression';
  }
  if (token.kind === 'string') {
    return `string '${token.value}'`;
  }
  return `"${token.value}"`;
}

class ConditionParser {
  private index = 0;
  private depth = 0;

  constructor(private readonly tokens: ConditionToken[]) {}

  parse(): ConditionNode {
    if (this.peek().kind === 'end') {
      throw new ConditionSyntaxError('Expression is empty');
    }
    // Trees are walked recursively; a bounded size keeps that safe.
    if (this.tokens.length > MAX_TOKENS + 1) {
      throw new ConditionSyntaxError(
        `Expression is too long: more than ${MAX_TOKENS} tokens`,
      );
    }
    const node = this.parseBinary(0);
    const rest = this.peek();
    if (rest.kind !== 'end') {
      this.fail(`Unexpected ${describe(rest)}`, rest);
    }
    return node;
  }

  private static readonly LEVELS: ConditionSymbol[][] = [
    ['||'],
    ['&&'],
    ['==', '!='],
  ];

  /** `||` binds loosest, then `&&`, then `==` and `!=`. */
  private parseBinary(level: number): ConditionNode {
    if (level === ConditionParser.LEVELS.length) {
      return this.parseUnary();
    }
    let left = this.parseBinary(level + 1);
    let token = this.peek();
    while (
      token.kind === 'symbol' &&
      ConditionParser.LEVELS[level].includes(token.value)
    ) {
      this.index += 1;
      const operator = token.value as '==' | '!=' | '&&' | '||';
      const right = this.parseBinary(level + 1);
      left = { type: 'binary', operator, left, right };
      token = this.peek();
    }
    return left;
  }

  private parseUnary(): ConditionNode {
    if (this.isSymbol('!')) {
      this.enter(this.next());
      const operand = this.parseUnary();
      this.depth -= 1;
      return { type: 'not', operand };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): ConditionNode {
    const token = this.next();
    if (token.kind === 'string' || token.kind === 'number') {
      return { type: 'literal', value: token.value };
    }
    if (token.kind === 'symbol' && token.value === '(') {
      this.enter(token);
      const inner = this.parseBinary(0);
      if (!this.isSymbol(')')) {
        throw new ConditionSyntaxError(
          `Missing ")" to close "(" at position ${token.position}`,
        );
      }
      this.index += 1;
      this.depth -= 1;
      return inner;
    }
    if (token.kind !== 'name') {
      return this.fail(`Expected a value but found ${describe(token)}`, token);
    }
    if (LITERALS.has(token.value)) {
      return { type: 'literal', value: LITERALS.get(token.value)! };
    }
    if (this.isSymbol('(')) {
      return this.parseCall(token.value, token);
    }
    if (SCOPES.has(token.value)) {
      return this.parseReference(token.value as ConditionScope, token);
    }
    if (Object.hasOwn(CONDITION_FUNCTIONS, token.value)) {
      return this.fail(`Expected "(" after "${token.value}"`, this.peek());
    }
    return this.fail(`Unknown name "${token.value}"`, token);
  }

  private parseCall(name: string, token: ConditionToken): ConditionNode {
    if (!Object.hasOwn(CONDITION_FUNCTIONS, name)) {
      this.fail(`Unknown function "${name}"`, token);
    }
    this.enter(this.next());
    const args: ConditionNode[] = [];
    if (!this.isSymbol(')')) {
      args.push(this.parseBinary(0));
      while (this.isSymbol(',')) {
        this.index += 1;
        args.push(this.parseBinary(0));
      }
    }
    this.expect(')', `Missing ")" after the arguments of "${name}"`);
    this.depth -= 1;
    const arity = CONDITION_FUNCTIONS[name as ConditionFunction];
    if (args.length !== arity) {
      this.fail(
        `Function "${name}" takes ${arity} arguments, got ${args.length}`,
        token,
      );
    }
    return { type: 'call', name: name as ConditionFunction, args };
  }

  private parseReference(scope: ConditionScope, token: ConditionToken) {
    const name = this.property(scope);
    if (scope === 'git' && !GIT_FIELDS.has(name)) {
      this.fail(`Unknown property "git.${name}"`, token);
    }
    if (scope === 'needs') {
      const field = this.property(`needs.${name}`);
      if (field !== 'result') {
        this.fail(
          `Unknown property "needs.${name}.${field}" (only "result" exists)`,
          token,
        );
      }
    }
    return { type: 'reference' as const, scope, name };
  }

  private property(owner: string): string {
    this.expect('.', `Expected "." and a property after "${owner}"`);
    const token = this.next();
    if (token.kind !== 'name') {
      return this.fail(`Expected a property name after "${owner}."`, token);
    }
    return token.value;
  }

  private enter(token: ConditionToken) {
    this.depth += 1;
    if (this.depth > MAX_DEPTH) {
      this.fail(`Expression nests deeper than ${MAX_DEPTH} levels`, token);
    }
  }

  private expect(symbol: ConditionSymbol, message: string) {
    if (!this.isSymbol(symbol)) {
      this.fail(message, this.peek());
    }
    this.index += 1;
  }

  private isSymbol(symbol: ConditionSymbol): boolean {
    const token = this.peek();
    return token.kind === 'symbol' && token.value === symbol;
  }

  private peek(): ConditionToken {
    return this.tokens[this.index];
  }

  private next(): ConditionToken {
    const token = this.tokens[this.index];
    if (token.kind !== 'end') {
      this.index += 1;
    }
    return token;
  }

  private fail(message: string, token: ConditionToken): never {
    throw new ConditionSyntaxError(`${message} at position ${token.position}`);
  }
}

/**
 * Parses an `if` expression into a tree, or throws a
 * {@link ConditionSyntaxError} that names the position of the problem.
 */
export function parseCondition(expression: string): ConditionNode {
  return new ConditionParser(tokenizeCondition(expression)).parse();
}

/** Every reference an expression makes, e.g. to `needs.build.result`. */
export function conditionReferences(
  node: ConditionNode,
): { scope: ConditionScope; name: string }[] {
  switch (node.type) {
    case 'reference':
      return [{ scope: node.scope, name: node.name }];
    case 'not':
      return conditionReferences(node.operand);
    case 'binary':
      return [
        ...conditionReferences(node.left),
        ...conditionReferences(node.right),
      ];
    case 'call':
      return node.args.flatMap(conditionReferences);
    default:
      return [];
  }
}
