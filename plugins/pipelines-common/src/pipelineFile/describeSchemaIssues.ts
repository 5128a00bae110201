import type { z } from 'zod';
import type { PipelineIssue, PipelinePath } from './pipelineIssue';

type Issue = z.core.$ZodIssue;

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'a boolean',
  object: 'a map',
  record: 'a map',
  array: 'a list',
  null: 'nothing',
};

function valueAt(value: unknown, path: PipelinePath): unknown {
  let current = value;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') {
      return undefined;
    }
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

function describeValue(value: unknown): string {
  if (value === null) {
    return 'an empty value';
  }
  if (Array.isArray(value)) {
    return 'a list';
  }
  if (typeof value === 'object') {
    return 'a map';
  }
  if (typeof value === 'string') {
    return 'text';
  }
  if (typeof value === 'number' && !Number.isInteger(value)) {
    return String(value);
  }
  return TYPE_NAMES[typeof value] ?? typeof value;
}

function typeName(expected: string): string {
  return TYPE_NAMES[expected] ?? expected;
}

function joinOr(names: string[]): string {
  const unique = [...new Set(names)];
  return unique.length < 2
    ? unique.join('')
    : `${unique.slice(0, -1).join(', ')} or ${unique[unique.length - 1]}`;
}

function describeInvalidType(
  issue: Extract<Issue, { code: 'invalid_type' }>,
  value: unknown,
  path: PipelinePath,
): PipelineIssue {
  const actual = valueAt(value, path);
  if (path.length === 0) {
    const message =
      'A pipeline file must be a YAML map with at least "name" and "jobs"';
    return { message, path };
  }
  if (actual === undefined) {
    return {
      message: `Missing required field "${path[path.length - 1]}"`,
      path,
    };
  }
  const message = `Expected ${typeName(issue.expected)}, got ${describeValue(
    actual,
  )}`;
  return { message, path };
}

function describeSize(issue: Issue & { code: 'too_small' | 'too_big' }) {
  const small = issue.code === 'too_small';
  const limit = Number(small ? issue.minimum : issue.maximum);
  if (issue.origin === 'number') {
    return `Must be at ${small ? 'least' : 'most'} ${limit}`;
  }
  if (small && limit === 1) {
    return 'Must not be empty';
  }
  const unit = issue.origin === 'string' ? 'characters' : 'items';
  return `Must have at ${small ? 'least' : 'most'} ${limit} ${unit}`;
}

function describeIssue(
  issue: Issue,
  value: unknown,
  base: PipelinePath,
): PipelineIssue[] {
  const path = [...base, ...(issue.path as PipelinePath)];
  switch (issue.code) {
    case 'invalid_type':
      return [describeInvalidType(issue, value, path)];
    case 'too_small':
    case 'too_big':
      return [{ message: describeSize(issue), path }];
    case 'invalid_value':
      return [{ message: `Must be one of: ${issue.values.join(', ')}`, path }];
    case 'unrecognized_keys':
      return issue.keys.map(key => ({
        message: `Unknown field "${key}"`,
        path: [...path, key],
        at: 'key' as const,
      }));
    case 'invalid_key': {
      const detail = issue.issues[0]?.message ?? issue.message;
      const reason = detail.charAt(0).toLowerCase() + detail.slice(1);
      const key = path[path.length - 1];
      return [{ message: `Invalid name "${key}": ${reason}`, path, at: 'key' }];
    }
    case 'invalid_union': {
      // Follow the branch whose type matched, if one did.
      const matched = issue.errors.filter(
        branch =>
          !branch.some(i => i.code === 'invalid_type' && i.path.length === 0),
      );
      if (matched.length > 0) {
        return matched[0].flatMap(i => describeIssue(i, value, path));
      }
      const expected = issue.errors.flatMap(branch =>
        branch.flatMap(i => (i.code === 'invalid_type' ? [i.expected] : [])),
      );
      const actual = describeValue(valueAt(value, path));
      return [
        {
          message: `Expected ${joinOr(expected.map(typeName))}, got ${actual}`,
          path,
        },
      ];
    }
    default: {
      const params = (issue as { params?: { at?: string } }).params;
      return [
        {
          message: issue.message,
          path,
          ...(params?.at === 'key' && { at: 'key' }),
        },
      ];
    }
  }
}

/** Turns zod issues into problems a person can act on, one per fault. */
export function describeSchemaIssues(
  issues: readonly Issue[],
  value: unknown,
): PipelineIssue[] {
  return issues.flatMap(issue => describeIssue(issue, value, []));
}
