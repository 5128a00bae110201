/** Operators and punctuation of the expression language. */
export type ConditionSymbol =
  | '=='
  | '!='
  | '&&'
  | '||'
  | '!'
  | '('
  | ')'
  | ','
  | '.';

/** One token of an `if` expression; `position` is its 1-based column. */
export type ConditionToken =
  | { kind: 'string'; value: string; position: number }
  | { kind: 'number'; value: number; position: number }
  | { kind: 'name'; value: string; position: number }
  | { kind: 'symbol'; value: ConditionSymbol; position: number }
  | { kind: 'end'; position: number };

/** A syntax error in an `if` expression. */
export class ConditionSyntaxError extends Error {
  name = 'ConditionSyntaxError';
}

const TWO_CHAR_SYMBOLS = new Set(['==', '!=', '&&', '||']);
const ONE_CHAR_SYMBOLS = new Set(['!', '(', ')', ',', '.']);
const NUMBER = /-?\d+(\.\d+)?/y;
const NAME = /[a-zA-Z_][a-zA-Z0-9_-]*/y;
const WRAPPED = /^\s*\$\{\{([\s\S]*)\}\}\s*$/;

/** The match of a sticky pattern at `index`, if any. */
function matchAt(pattern: RegExp, text: string, index: number) {
  pattern.lastIndex = index;
  return pattern.exec(text)?.[0];
}

function readString(text: string, start: number, end: number) {
  const quote = text[start];
  let value = '';
  for (let i = start + 1; i < end; i++) {
    const char = text[i];
    if (char === quote) {
      return { value, end: i + 1 };
    }
    if (char === '\\' && i + 1 < end) {
      i += 1;
      value += text[i];
    } else {
      value += char;
    }
  }
  throw new ConditionSyntaxError(
    `Unterminated string starting at position ${start + 1}`,
  );
}

function unexpected(char: string, index: number): never {
  const hint =
    char === '=' || char === '&' || char === '|'
      ? ` (use "${char}${char}")`
      : '';
  throw new ConditionSyntaxError(
    `Unexpected character "${char}" at position ${index + 1}${hint}`,
  );
}

/**
 * Splits an expression into tokens. A `${{ ... }}` wrapper is dropped;
 * positions still count from the start of the text as written.
 */
export function tokenizeCondition(expression: string): ConditionToken[] {
  const wrapped = WRAPPED.exec(expression);
  const start = wrapped ? expression.indexOf('${{') + 3 : 0;
  const end = wrapped ? start + wrapped[1].length : expression.length;
  const tokens: ConditionToken[] = [];

  let i = start;
  while (i < end) {
    const char = expression[i];
    const position = i + 1;
    const pair = expression.slice(i, i + 2);
    const number = matchAt(NUMBER, expression, i);
    const name = matchAt(NAME, expression, i);

    if (/\s/.test(char)) {
      i += 1;
    } else if (char === '"' || char === "'") {
      const read = readString(expression, i, end);
      tokens.push({ kind: 'string', value: read.value, position });
      i = read.end;
    } else if (number) {
      tokens.push({ kind: 'number', value: Number(number), position });
      i += number.length;
    } else if (name) {
      tokens.push({ kind: 'name', value: name, position });
      i += name.length;
    } else if (TWO_CHAR_SYMBOLS.has(pair)) {
      tokens.push({ kind: 'symbol', value: pair as ConditionSymbol, position });
      i += 2;
    } else if (ONE_CHAR_SYMBOLS.has(char)) {
      tokens.push({ kind: 'symbol', value: char as ConditionSymbol, position });
      i += 1;
    } else {
      unexpected(char, i);
    }
  }
  tokens.push({ kind: 'end', position: end + 1 });
  return tokens;
}
