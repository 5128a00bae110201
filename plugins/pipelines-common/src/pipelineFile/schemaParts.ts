import { z } from 'zod';
import { ENV_NAME_PATTERN, NAME_PATTERN } from './limits';

/** A plain value: text, number or boolean. */
export const scalarSchema = z.union([z.string(), z.number(), z.boolean()]);

/** A key of jobs, inputs and matrix axes. */
export const nameSchema = z.string().regex(NAME_PATTERN, {
  error:
    'Must start with a letter or "_" and hold only letters, digits, "_" and "-"',
});

/** The name of an environment variable or a secret. */
export const envNameSchema = z.string().regex(ENV_NAME_PATTERN, {
  error:
    'Must start with a letter or "_" and hold only letters, digits and "_"',
});

/** Environment variables; numbers and booleans become text. */
export const envSchema = z
  .record(envNameSchema, scalarSchema)
  .describe('Environment variables, by name');

/** One glob, or a list of them. */
export const globListSchema = z.union([
  z.string().min(1),
  z.array(z.string().min(1)),
]);

function isRelativePath(path: string): boolean {
  return (
    !/^([/\\~]|[a-zA-Z]:)/.test(path) && !path.split(/[/\\]/).includes('..')
  );
}

/** A path or glob inside the job's workspace. */
export const relativePathSchema = z.string().min(1).refine(isRelativePath, {
  error: 'Must be a path relative to the workspace, without ".."',
});

/** One workspace path or glob, or a list of them. */
export const relativePathListSchema = z.union([
  relativePathSchema,
  z.array(relativePathSchema),
]);

/** Turns a one-or-many value into a list. */
export function toList<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) {
    return [];
  }
  return Array.isArray(value) ? value : [value];
}

/** Turns environment values into text. */
export function toEnv(
  env: Record<string, string | number | boolean> | undefined,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env ?? {}).map(([name, value]) => [name, String(value)]),
  );
}
