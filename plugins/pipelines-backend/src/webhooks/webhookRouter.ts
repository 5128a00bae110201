import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  AuthenticationError,
  InputError,
  isError,
  NotFoundError,
} from '@backstage/errors';
import type {
  PipelinesScmEvent,
  PipelinesWebhookProvider,
  PipelinesWebhookRequest,
} from '@golive/plugin-pipelines-node';
import express, { NextFunction, Request, Response } from 'express';
import Router from 'express-promise-router';
import type { DatabaseWebhookInbox } from './DatabaseWebhookInbox';
import type { WebhookProcessor } from './WebhookProcessor';

/** Largest webhook body taken; GitHub caps deliveries at 25 MiB. */
export const MAX_WEBHOOK_BYTES = 25 * 1024 * 1024;

const rawBody = express.raw({ type: () => true, limit: MAX_WEBHOOK_BYTES });

function readRawBody(req: Request, res: Response, next: NextFunction) {
  rawBody(req, res, error => {
    if (error && (error as { type?: string }).type === 'entity.too.large') {
      next(
        Object.assign(
          new Error(
            `Webhook body is larger than ${MAX_WEBHOOK_BYTES} bytes (25 MiB)`,
          ),
          { name: 'PayloadTooLargeError', statusCode: 413 },
        ),
      );
      return;
    }
    next(error);
  });
}

function headersOf(req: Request): PipelinesWebhookRequest['headers'] {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    headers[name.toLowerCase()] = Array.isArray(value)
      ? value.join(', ')
      : value;
  }
  return headers;
}

/**
 * `POST /webhooks/:provider`: deliveries of git hosts, without Backstage
 * credentials. Checked in this order, storing nothing on failure: a known
 * provider (404), a configured secret (401), the signature (401), a
 * delivery id (400), a readable payload (400). Then the delivery is
 * written to the inbox and answered 202; a processor picks it up.
 */
export function webhookRouter(options: {
  providers: PipelinesWebhookProvider[];
  inbox: DatabaseWebhookInbox;
  processor: WebhookProcessor;
  logger: LoggerService;
}) {
  const { providers, inbox, processor, logger } = options;
  const router = Router();

  router.post('/webhooks/:provider', readRawBody, async (req, res) => {
    const provider = providers.find(p => p.id === req.params.provider);
    if (!provider) {
      throw new NotFoundError(
        `No webhook provider "${req.params.provider}" is installed`,
      );
    }
    if (!provider.isConfigured()) {
      throw new AuthenticationError(
        `Webhooks of "${provider.id}" are refused: no secret is configured`,
      );
    }
    const request: PipelinesWebhookRequest = {
      headers: headersOf(req),
      rawBody: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
    };
    if (!provider.verify(request)) {
      throw new AuthenticationError(
        `Webhook signature of "${provider.id}" is missing or wrong`,
      );
    }
    const deliveryId = provider.deliveryId(request);
    if (!deliveryId) {
      throw new InputError(`Webhook of "${provider.id}" has no delivery id`);
    }
    let events: PipelinesScmEvent[];
    try {
      events = provider.parse(request);
    } catch (error) {
      if (isError(error) && error.name === 'InputError') throw error;
      throw new InputError(
        `Webhook payload of "${provider.id}" could not be read: ${String(
          error,
        )}`,
      );
    }

    const event = provider.eventName(request);
    const stored = await inbox.add({
      provider: provider.id,
      deliveryId,
      event,
      events,
    });
    logger.debug('Webhook delivery received', {
      provider: provider.id,
      deliveryId,
      event,
      events: events.length,
      duplicate: stored.duplicate,
    });
    if (!stored.duplicate && events.length) {
      processor.process(stored.id).catch(error =>
        logger.warn('Webhook delivery processing failed', {
          deliveryId,
          error: String(error),
        }),
      );
    }
    res.status(202).json({ deliveryId, duplicate: stored.duplicate });
  });

  return router;
}
