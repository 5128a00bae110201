import { InputError } from '@backstage/errors';
import { z } from 'zod';

/** Validates a body or query with zod; problems become one InputError. */
export function parseInput<T extends z.ZodType>(
  schema: T,
  value: unknown,
  what: string,
): z.infer<T> {
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) {
    const details = parsed.error.issues
      .map(issue =>
        issue.path.length
          ? `${issue.path.join('.')}: ${issue.message}`
          : issue.message,
      )
      .join('; ');
    throw new InputError(`Invalid ${what}: ${details}`);
  }
  return parsed.data;
}

const commaList = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .string()
    .transform(s => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values)));

export const runStatuses = [
  'queued',
  'running',
  'waiting',
  'succeeded',
  'failed',
  'cancelled',
] as const;

export const runTriggers = [
  'manual',
  'push',
  'pull_request',
  'schedule',
  'api',
] as const;

export const listRunsQuery = z.object({
  entityRef: z.string().min(1).optional(),
  status: commaList(runStatuses).optional(),
  trigger: commaList(runTriggers).optional(),
  ref: z.string().min(1).optional(),
  actor: z.string().min(1).optional(),
  provider: z
    .string()
    .transform(s => s.split(',').filter(Boolean))
    .pipe(
      z.array(z.string().regex(/^[a-z0-9-]{1,64}$/, 'must be provider ids')),
    )
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
  cursor: z.string().min(1).optional(),
});

const inputValues = z.record(z.string(), z.union([z.string(), z.boolean()]));

export const createRunBody = z.strictObject({
  entityRef: z.string().min(1),
  ref: z.string().min(1).max(255).optional(),
  sha: z
    .string()
    .regex(/^[0-9a-f]{7,64}$/i, 'must be a commit sha')
    .optional(),
  inputs: inputValues.optional(),
  /** External CI provider and source (see `GET /external-sources`). */
  provider: z.string().min(1).max(64).optional(),
  source: z.string().min(1).max(512).optional(),
});

export const rerunBody = z.strictObject({
  failedOnly: z.boolean().optional(),
});

export const approvalBody = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  comment: z.string().max(2000).optional(),
});

export const validateBody = z.strictObject({
  content: z.string(),
});

export const secretName = z
  .string()
  .regex(
    /^[A-Z_][A-Z0-9_]{0,127}$/,
    'must be upper-case letters, digits and underscores, not starting with a digit',
  );

export const putSecretBody = z.strictObject({
  value: z.string().min(1).max(65536),
  entityRef: z.string().min(1).optional(),
});

export const entityRefQuery = z.object({
  entityRef: z.string().min(1).optional(),
});
