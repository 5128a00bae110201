import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { pipelinesSecretManagePermission } from '@golive/plugin-pipelines-common';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import Router from 'express-promise-router';
import type { DatabaseSecretStore } from '../database/DatabaseSecretStore';
import {
  entityRefQuery,
  parseInput,
  putSecretBody,
  secretName,
} from './parseInput';
import type { RouteContext } from './RouteContext';

/** Write-only secrets: no route ever returns a value. */
export function secretsRouter(options: {
  ctx: RouteContext;
  secrets: DatabaseSecretStore;
}) {
  const { ctx, secrets } = options;
  const router = Router();

  // global secrets use the permission without a resource
  const authorize = async (
    entityRef: string | undefined,
    credentials: BackstageCredentials,
  ) => {
    if (entityRef) {
      await ctx.authorize(
        pipelinesSecretManagePermission,
        entityRef,
        credentials,
      );
      return;
    }
    // a conditional answer (owner-only) cannot cover global secrets
    const [decision] = await ctx.permissions.authorizeConditional(
      [{ permission: pipelinesSecretManagePermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError('Not allowed to manage global secrets');
    }
  };

  router.get('/secrets', async (req, res) => {
    const credentials = await ctx.credentials(req);
    const { entityRef } = parseInput(entityRefQuery, req.query, 'query');
    await authorize(entityRef, credentials);
    res.json({ items: await secrets.list(entityRef) });
  });

  router.put('/secrets/:name', async (req, res) => {
    const credentials = await ctx.credentials(req);
    const name = parseInput(secretName, req.params.name, 'secret name');
    const body = parseInput(putSecretBody, req.body, 'request body');
    await authorize(body.entityRef, credentials);

    const audit = await ctx.auditor.createEvent({
      eventId: 'secret-change',
      severityLevel: 'high',
      request: req,
      meta: { action: 'put', name, entityRef: body.entityRef ?? 'global' },
    });
    try {
      const { created } = await secrets.put({
        name,
        value: body.value,
        entityRef: body.entityRef,
        actor: ctx.actorOf(credentials),
      });
      await audit.success({ meta: { created } });
    } catch (error) {
      await audit.fail({ error: error as Error });
      throw error;
    }
    res.status(204).end();
  });

  router.delete('/secrets/:name', async (req, res) => {
    const credentials = await ctx.credentials(req);
    const name = parseInput(secretName, req.params.name, 'secret name');
    const { entityRef } = parseInput(entityRefQuery, req.query, 'query');
    await authorize(entityRef, credentials);

    const audit = await ctx.auditor.createEvent({
      eventId: 'secret-change',
      severityLevel: 'high',
      request: req,
      meta: { action: 'delete', name, entityRef: entityRef ?? 'global' },
    });
    if (!(await secrets.delete(name, entityRef))) {
      const error = new NotFoundError(`Secret "${name}" not found`);
      await audit.fail({ error });
      throw error;
    }
    await audit.success();
    res.status(204).end();
  });

  return router;
}
