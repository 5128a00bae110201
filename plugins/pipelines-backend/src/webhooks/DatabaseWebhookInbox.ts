import type { PipelinesScmEvent } from '@golive/plugin-pipelines-node';
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { now } from '../database/rows';

const TABLE = 'pipelines_webhook_inbox';

/** A delivery in the inbox, as a processor sees it. */
export type InboxEntry = {
  id: string;
  provider: string;
  deliveryId: string;
  event?: string;
  events: PipelinesScmEvent[];
  attempts: number;
  /** Entity refs whose runs an earlier attempt already started. */
  started: string[];
};

/**
 * Verified webhook deliveries, written before they are answered and
 * processed afterwards. A delivery id is stored once per provider; entries
 * are claimed with a conditional update, so one replica processes each.
 */
export class DatabaseWebhookInbox {
  private constructor(
    private readonly db: Knex,
    private readonly options: {
      maxAttempts: number;
      leaseMs: number;
      initialBackoffMs: number;
    },
  ) {}

  static create(options: {
    db: Knex;
    maxAttempts?: number;
    leaseMs?: number;
    initialBackoffMs?: number;
  }) {
    return new DatabaseWebhookInbox(options.db, {
      maxAttempts: options.maxAttempts ?? 8,
      leaseMs: options.leaseMs ?? 5 * 60 * 1000,
      initialBackoffMs: options.initialBackoffMs ?? 10_000,
    });
  }

  /** Stores a delivery unless its id is known; tells which it was. */
  async add(delivery: {
    provider: string;
    deliveryId: string;
    event?: string;
    events: PipelinesScmEvent[];
  }): Promise<{ id: string; duplicate: boolean }> {
    const id = randomUUID();
    await this.db(TABLE)
      .insert({
        id,
        provider: delivery.provider,
        delivery_id: delivery.deliveryId,
        event: delivery.event ?? null,
        events: JSON.stringify(delivery.events),
        status: delivery.events.length ? 'pending' : 'done',
        attempts: 0,
        started: '[]',
        created_at: now(),
        processed_at: delivery.events.length ? null : now(),
      })
      .onConflict(['provider', 'delivery_id'])
      .ignore();
    const row = await this.db(TABLE)
      .where({ provider: delivery.provider, delivery_id: delivery.deliveryId })
      .first('id');
    return { id: row.id, duplicate: row.id !== id };
  }

  /** Ids of entries that are due: new, failed and retryable, or abandoned. */
  async listDue(limit = 50): Promise<string[]> {
    const at = now();
    const stale = new Date(Date.now() - this.options.leaseMs).toISOString();
    const rows = await this.db(TABLE)
      .where(q =>
        q
          .where('status', 'pending')
          .orWhere(q2 =>
            q2.where('status', 'failed').where('next_attempt_at', '<=', at),
          )
          .orWhere(q2 =>
            q2.where('status', 'processing').where('claimed_at', '<', stale),
          ),
      )
      .orderBy('created_at')
      .limit(limit)
      .select('id');
    return rows.map(r => r.id);
  }

  /** Takes an entry for processing; undefined when another took it. */
  async claim(id: string): Promise<InboxEntry | undefined> {
    const at = now();
    const stale = new Date(Date.now() - this.options.leaseMs).toISOString();
    const count = await this.db(TABLE)
      .where({ id })
      .where(q =>
        q
          .where('status', 'pending')
          .orWhere(q2 =>
            q2.where('status', 'failed').where('next_attempt_at', '<=', at),
          )
          .orWhere(q2 =>
            q2.where('status', 'processing').where('claimed_at', '<', stale),
          ),
      )
      .update({
        status: 'processing',
        claimed_at: at,
        attempts: this.db.raw('attempts + 1'),
      });
    if (!count) return undefined;
    const row = await this.db(TABLE).where({ id }).first();
    return {
      id: row.id,
      provider: row.provider,
      deliveryId: row.delivery_id,
      event: row.event ?? undefined,
      events: JSON.parse(row.events),
      attempts: Number(row.attempts),
      started: JSON.parse(row.started),
    };
  }

  /** Remembers that a run was started for an entity, so a retry skips it. */
  async markStarted(id: string, started: string[]): Promise<void> {
    await this.db(TABLE)
      .where({ id })
      .update({ started: JSON.stringify(started) });
  }

  async complete(id: string, error?: string): Promise<void> {
    await this.db(TABLE)
      .where({ id })
      .update({ status: 'done', processed_at: now(), error: error ?? null });
  }

  /** Records a failure; retried with backoff until the attempts run out. */
  async fail(entry: InboxEntry, error: string): Promise<boolean> {
    const retry = entry.attempts < this.options.maxAttempts;
    const delay = this.options.initialBackoffMs * 2 ** (entry.attempts - 1);
    await this.db(TABLE)
      .where({ id: entry.id })
      .update({
        status: retry ? 'failed' : 'abandoned',
        error: error.slice(0, 4000),
        next_attempt_at: new Date(Date.now() + delay).toISOString(),
        processed_at: retry ? null : now(),
      });
    return retry;
  }
}
