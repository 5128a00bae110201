import type { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import type { RunStatus } from '@golive/plugin-pipelines-common';
import type {
  PipelinesCommitState,
  PipelinesScmProvider,
} from '@golive/plugin-pipelines-node';
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { now } from '../database/rows';
import type { RunRecord } from '../database/types';

const TABLE = 'pipelines_commit_statuses';

const STATES: Record<RunStatus, PipelinesCommitState> = {
  queued: 'pending',
  running: 'pending',
  waiting: 'pending',
  succeeded: 'success',
  failed: 'failure',
  cancelled: 'error',
};

const WORDS: Record<RunStatus, string> = {
  queued: 'is queued',
  running: 'is running',
  waiting: 'is waiting for approval',
  succeeded: 'succeeded',
  failed: 'failed',
  cancelled: 'was cancelled',
};

/** A claimed row is taken back after this long (a replica died sending). */
const CLAIM_LEASE_MS = 2 * 60 * 1000;

/** Maps the status of a run to the state of its commit status. */
export function commitStateOf(status: RunStatus): PipelinesCommitState {
  return STATES[status];
}

/**
 * Posts run statuses to git hosts through a table: each state of a run is
 * written once per provider (insert-or-ignore), then sent; failures are
 * retried with exponential backoff by {@link CommitStatusOutbox.deliverDue}
 * from any replica. A state is never posted after a later one of the same
 * run: older rows still waiting are superseded.
 */
export class CommitStatusOutbox {
  private constructor(
    private readonly deps: {
      db: Knex;
      providers: PipelinesScmProvider[];
      logger: LoggerService;
      baseUrl: string;
      initialBackoffMs: number;
      maxBackoffMs: number;
      maxAttempts: number;
    },
  ) {}

  static create(options: {
    db: Knex;
    providers: PipelinesScmProvider[];
    logger: LoggerService;
    /** `app.baseUrl`, for the links to run pages. */
    baseUrl: string;
    initialBackoffMs?: number;
    maxBackoffMs?: number;
    maxAttempts?: number;
  }) {
    return new CommitStatusOutbox({
      initialBackoffMs: 5000,
      maxBackoffMs: 10 * 60 * 1000,
      maxAttempts: 10,
      ...options,
    });
  }

  /** Records the status of a run for every provider that hosts its repository. */
  async record(run: RunRecord, status: RunStatus): Promise<string[]> {
    if (run.provider || !run.repositoryUrl) return [];
    const state = commitStateOf(status);
    const providers = this.deps.providers.filter(p =>
      safeSupports(p, run.repositoryUrl),
    );
    const { name } = parseEntityRef(run.entityRef);
    const created = now();
    for (const provider of providers) {
      await this.deps
        .db(TABLE)
        .insert({
          id: randomUUID(),
          run_id: run.id,
          provider: provider.id,
          state,
          rank: state === 'pending' ? 0 : 1,
          repository_url: run.repositoryUrl,
          sha: run.sha,
          context: `golive/${name}`,
          description: `Run #${run.number} ${WORDS[status]}`,
          target_url: `${this.deps.baseUrl}/pipelines/runs/${run.id}`,
          status: 'pending',
          attempts: 0,
          next_attempt_at: created,
          created_at: created,
        })
        .onConflict(['run_id', 'provider', 'state'])
        .ignore();
    }
    return providers.map(p => p.id);
  }

  /** Sends the statuses of one run that are due; used right after `record`. */
  async deliverRun(runId: string): Promise<void> {
    const rows = await this.dueRows().where({ run_id: runId });
    await this.deliverRows(rows);
  }

  /** Sends every status that is due, from the scheduler. */
  async deliverDue(limit = 100): Promise<void> {
    const rows = await this.dueRows().orderBy('next_attempt_at').limit(limit);
    await this.deliverRows(rows);
  }

  private dueRows() {
    const at = now();
    const staleClaim = new Date(Date.now() - CLAIM_LEASE_MS).toISOString();
    return this.deps
      .db(TABLE)
      .where(q =>
        q
          .where(q2 =>
            q2.where('status', 'pending').where('next_attempt_at', '<=', at),
          )
          .orWhere(q2 =>
            q2.where('status', 'sending').where('claimed_at', '<', staleClaim),
          ),
      );
  }

  private async deliverRows(rows: any[]) {
    // the newest state per run and provider first, so older ones are skipped
    rows.sort((a, b) => b.rank - a.rank);
    const blocked = new Set<string>();
    for (const row of rows) {
      if ((await this.deliver(row)) === 'blocked') blocked.add(row.run_id);
    }
    for (const runId of blocked) {
      await this.deliverRun(runId);
    }
  }

  private async deliver(
    row: any,
  ): Promise<'skipped' | 'blocked' | 'superseded' | 'sent' | 'failed'> {
    const { db, logger } = this.deps;
    const claimed = await db(TABLE)
      .where({ id: row.id, status: row.status, attempts: row.attempts })
      .update({ status: 'sending', claimed_at: now() });
    if (!claimed) return 'skipped';

    // an older state still on its way must land first, or it would win
    const older = await db(TABLE)
      .where({ run_id: row.run_id, provider: row.provider, status: 'sending' })
      .where('rank', '<', row.rank)
      .first();
    if (older) {
      await db(TABLE).where({ id: row.id }).update({ status: 'pending' });
      await new Promise(resolve => setTimeout(resolve, 200));
      return 'blocked';
    }

    const newer = await db(TABLE)
      .where({ run_id: row.run_id, provider: row.provider })
      .where('rank', '>', row.rank)
      .whereIn('status', ['delivered', 'sending', 'pending'])
      .first();
    if (newer) {
      await db(TABLE).where({ id: row.id }).update({ status: 'superseded' });
      return 'superseded';
    }

    const provider = this.deps.providers.find(p => p.id === row.provider);
    const attempts = Number(row.attempts) + 1;
    try {
      if (!provider) {
        throw new Error(`SCM provider "${row.provider}" is not installed`);
      }
      await provider.setCommitStatus({
        repositoryUrl: row.repository_url,
        sha: row.sha,
        state: row.state,
        context: row.context,
        description: row.description,
        targetUrl: row.target_url,
      });
      await db(TABLE)
        .where({ id: row.id })
        .update({ status: 'delivered', attempts, delivered_at: now() });
      logger.debug('Commit status delivered', {
        runId: row.run_id,
        provider: row.provider,
        state: row.state,
      });
      return 'sent';
    } catch (error) {
      const giveUp = attempts >= this.deps.maxAttempts;
      const delay = Math.min(
        this.deps.initialBackoffMs * 2 ** (attempts - 1),
        this.deps.maxBackoffMs,
      );
      await db(TABLE)
        .where({ id: row.id })
        .update({
          status: giveUp ? 'failed' : 'pending',
          attempts,
          last_error: String(error).slice(0, 2000),
          next_attempt_at: new Date(Date.now() + delay).toISOString(),
        });
      const meta = {
        runId: row.run_id,
        provider: row.provider,
        state: row.state,
        attempts,
        error: String(error),
      };
      if (giveUp) logger.error('Commit status could not be delivered', meta);
      else logger.warn('Commit status delivery failed; retrying', meta);
      return 'failed';
    }
  }
}

function safeSupports(provider: PipelinesScmProvider, url: string) {
  try {
    return provider.supports(url);
  } catch {
    return false;
  }
}
