import type {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { isError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { matchesTrigger } from '@golive/plugin-pipelines-common';
import type {
  PipelinesScmEvent,
  PipelinesScmProvider,
} from '@golive/plugin-pipelines-node';
import type { LoadedPipeline, RunPlanner } from '../planner/RunPlanner';
import type { DatabaseWebhookInbox, InboxEntry } from './DatabaseWebhookInbox';
import { RepositoryEntities } from './RepositoryEntities';

const STARTING_ACTIONS = ['opened', 'synchronize', 'reopened'];

/** Problems of one pipeline that a retry will not fix. */
const isPermanent = (error: unknown) =>
  isError(error) && ['InputError', 'NotFoundError'].includes(error.name);

/**
 * Processes inbox entries: finds the catalog entities of the repository,
 * reads each one's pipeline at the commit and starts a run when its
 * triggers match. An entity already started by an earlier attempt of the
 * same delivery is skipped.
 */
export class WebhookProcessor {
  private readonly inFlight = new Set<string>();
  private readonly repositoryEntities: RepositoryEntities;

  private constructor(
    private readonly deps: {
      inbox: DatabaseWebhookInbox;
      catalog: CatalogService;
      auth: AuthService;
      planner: Pick<RunPlanner, 'loadPipeline' | 'createRun'>;
      scmProviders: PipelinesScmProvider[];
      logger: LoggerService;
    },
  ) {
    this.repositoryEntities = RepositoryEntities.create({
      catalog: deps.catalog,
      scmProviders: deps.scmProviders,
    });
  }

  static create(deps: WebhookProcessor['deps']) {
    return new WebhookProcessor(deps);
  }

  /** Processes every due entry, from the scheduler. */
  async processDue(): Promise<void> {
    for (const id of await this.deps.inbox.listDue()) {
      await this.process(id);
    }
  }

  /** Processes one entry when it can be claimed; errors are recorded. */
  async process(id: string): Promise<void> {
    if (this.inFlight.has(id)) return;
    this.inFlight.add(id);
    try {
      const entry = await this.deps.inbox.claim(id);
      if (entry) await this.processEntry(entry);
    } finally {
      this.inFlight.delete(id);
    }
  }

  private async processEntry(entry: InboxEntry) {
    const { logger, inbox } = this.deps;
    const started = new Set(entry.started);
    const failures: string[] = [];
    try {
      const credentials = await this.deps.auth.getOwnServiceCredentials();
      for (const event of entry.events) {
        await this.processEvent(entry, event, credentials, started, failures);
      }
    } catch (error) {
      failures.push(String(error));
    }

    if (!failures.length) {
      await inbox.complete(entry.id);
      return;
    }
    const retry = await inbox.fail(entry, failures.join('; '));
    const meta = {
      provider: entry.provider,
      deliveryId: entry.deliveryId,
      attempts: entry.attempts,
      error: failures.join('; '),
    };
    if (retry) logger.warn('Webhook delivery failed; retrying', meta);
    else logger.error('Webhook delivery could not be processed', meta);
  }

  private async processEvent(
    entry: InboxEntry,
    event: PipelinesScmEvent,
    credentials: BackstageCredentials,
    started: Set<string>,
    failures: string[],
  ) {
    if (event.type === 'push' && event.deleted) return;
    if (
      event.type === 'pull_request' &&
      !STARTING_ACTIONS.includes(event.action)
    ) {
      return;
    }
    const entities = await this.repositoryEntities.find({
      credentials,
      repository: event.repository,
    });

    for (const entity of entities) {
      const entityRef = stringifyEntityRef(entity);
      const key = `${entityRef}@${event.sha}`;
      if (started.has(key)) continue;
      try {
        const runId = await this.startRun(entityRef, event, credentials);
        if (!runId) continue;
        started.add(key);
        await this.deps.inbox.markStarted(entry.id, [...started]);
        this.deps.logger.info('Started run from webhook', {
          runId,
          entityRef,
          provider: entry.provider,
          deliveryId: entry.deliveryId,
        });
      } catch (error) {
        const meta = { entityRef, deliveryId: entry.deliveryId };
        if (isPermanent(error)) {
          this.deps.logger.debug('Webhook started no run for entity', {
            ...meta,
            error: String(error),
          });
        } else {
          failures.push(`${entityRef}: ${String(error)}`);
        }
      }
    }
  }

  /** Starts the entity's run for the event; undefined when nothing matches. */
  private async startRun(
    entityRef: string,
    event: PipelinesScmEvent,
    credentials: BackstageCredentials,
  ): Promise<string | undefined> {
    // a branch is stored by name, a tag by its full ref (see conditionContext in service/runConditions.ts)
    const ref =
      event.type === 'push'
        ? event.ref.replace(/^refs\/heads\//, '')
        : event.headRef;
    const loaded: LoadedPipeline = await this.deps.planner.loadPipeline({
      entityRef,
      ref,
      sha: event.sha,
      credentials,
    });
    const matches = matchesTrigger(
      loaded.pipeline,
      event.type === 'push'
        ? { type: 'push', ref: event.ref }
        : { type: 'pull_request', baseBranch: event.baseRef },
    );
    if (!matches) return undefined;

    const run = await this.deps.planner.createRun({
      entityRef: loaded.entityRef,
      ref,
      sha: event.sha,
      trigger: event.type,
      actor: event.actor,
      credentials,
      fromFork: event.type === 'pull_request' && event.fromFork,
      loaded,
    });
    return run.id;
  }
}
