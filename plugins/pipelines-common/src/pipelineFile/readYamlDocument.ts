import { Composer, CST, Document, Lexer, LineCounter, Parser } from 'yaml';
import type { PipelineProblem } from '../api/types';
import { checkYamlNodes } from './checkYamlNodes';
import { MAX_NESTING_DEPTH } from './limits';
import { createYamlLocator } from './createYamlLocator';
import { formatPipelinePath, PipelineIssue } from './pipelineIssue';

/** A YAML document that is safe to validate, as plain values. */
export interface YamlDocument {
  value: unknown;
  /** Gives an issue found in `value` its line and column. */
  locate(issue: PipelineIssue): PipelineProblem;
}

const COLLECTIONS = new Set(['block-map', 'block-seq', 'flow-collection']);

/** The first collection token nested deeper than allowed, if any. */
function tooDeep(stack: CST.Token[]): CST.Token | undefined {
  if (stack.length <= MAX_NESTING_DEPTH) {
    return undefined;
  }
  let depth = 0;
  for (const token of stack) {
    if (COLLECTIONS.has(token.type)) {
      depth += 1;
      if (depth > MAX_NESTING_DEPTH) {
        return token;
      }
    }
  }
  return undefined;
}

function problemAt(
  lineCounter: LineCounter,
  offset: number,
  message: string,
): PipelineProblem {
  const { line, col } = lineCounter.linePos(offset);
  return { message, line, column: col };
}

/**
 * Tokenizes the source, stopping as soon as nesting goes too deep: the
 * parser's cost grows with depth, so a file of a million `[` must be
 * refused while it is read, not after.
 */
function tokenize(content: string, lineCounter: LineCounter) {
  const parser = new Parser(lineCounter.addNewLine);
  const tokens: CST.Token[] = [];
  lineCounter.addNewLine(0);
  for (const lexeme of new Lexer().lex(content)) {
    for (const token of parser.next(lexeme)) {
      tokens.push(token);
    }
    const deep = tooDeep(parser.stack);
    if (deep) {
      const message = `Nesting is deeper than ${MAX_NESTING_DEPTH} levels`;
      return { problem: problemAt(lineCounter, deep.offset, message) };
    }
  }
  tokens.push(...parser.end());
  return { tokens };
}

function compose(
  content: string,
  tokens: CST.Token[],
  lineCounter: LineCounter,
): { document?: Document.Parsed; problems: PipelineProblem[] } {
  // Keys are checked for duplicates by checkYamlNodes, in linear time.
  const composer = new Composer({
    prettyErrors: false,
    uniqueKeys: false,
    logLevel: 'error',
  });
  const [document, extra] = composer.compose(tokens, true, content.length);
  const problems = [...document.errors, ...document.warnings].map(error =>
    problemAt(lineCounter, error.pos[0], error.message),
  );
  if (extra) {
    const message = 'A pipeline file must hold a single YAML document';
    problems.push(problemAt(lineCounter, extra.range[0], message));
  }
  return { document: problems.length ? undefined : document, problems };
}

/**
 * Reads YAML defensively: refuses deep nesting and alias bombs before
 * anything expands them, and reports duplicate keys with their position.
 * Returns no document when the file cannot be read safely.
 */
export function readYamlDocument(content: string): {
  document?: YamlDocument;
  problems: PipelineProblem[];
} {
  const lineCounter = new LineCounter();
  const { tokens, problem } = tokenize(content, lineCounter);
  if (!tokens) {
    return { problems: [problem] };
  }
  const composed = compose(content, tokens, lineCounter);
  if (!composed.document) {
    return { problems: composed.problems };
  }

  const root = composed.document.contents;
  const check = checkYamlNodes(root);
  const problems = check.problems.map(p =>
    problemAt(lineCounter, p.offset, p.message),
  );
  if (check.fatal) {
    return { problems };
  }

  let value: unknown;
  try {
    // Aliases were counted and measured above, so yaml's own count is off.
    value = composed.document.toJS({ maxAliasCount: -1 });
  } catch (error) {
    const message = `The YAML document cannot be read: ${error}`;
    return { problems: [...problems, problemAt(lineCounter, 0, message)] };
  }

  const offsetOf = createYamlLocator(root, check.aliasTargets);
  const locate = (issue: PipelineIssue): PipelineProblem => {
    const offset = offsetOf(issue);
    const path = formatPipelinePath(issue.path);
    const { line, col } = lineCounter.linePos(offset);
    return {
      message: issue.message,
      ...(path && { path }),
      line,
      column: col,
    };
  };
  return { document: { value, locate }, problems };
}
