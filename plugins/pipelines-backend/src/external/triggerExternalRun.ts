import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { Request } from 'express';
import type { z } from 'zod';
import type { createRunBody } from '../service/parseInput';
import type { RouteContext } from '../service/RouteContext';
import type { ExternalRuns } from './ExternalRuns';

/**
 * `POST /runs` with `provider` and `source`: starts a run in an external
 * CI system, audited. The caller's `pipelines.run.create` on the entity
 * is checked before.
 */
export async function triggerExternalRun(options: {
  ctx: RouteContext;
  external?: ExternalRuns;
  req: Request;
  body: z.infer<typeof createRunBody>;
  credentials: BackstageCredentials;
}) {
  const { ctx, external, req, body, credentials } = options;
  if (!body.provider || !body.source) {
    throw new InputError(
      'Invalid request body: provider and source go together',
    );
  }
  if (!external) {
    throw new InputError(
      `External CI provider "${body.provider}" is not installed`,
    );
  }
  const audit = await ctx.auditor.createEvent({
    eventId: 'run-trigger',
    severityLevel: 'medium',
    request: req,
    meta: {
      entityRef: body.entityRef,
      provider: body.provider,
      source: body.source,
    },
  });
  try {
    await external.trigger({
      entityRef: body.entityRef,
      provider: body.provider,
      source: body.source,
      inputs: body.inputs ?? {},
      actor: ctx.actorOf(credentials),
    });
    await audit.success();
  } catch (error) {
    await audit.fail({ error: error as Error });
    throw error;
  }
}
