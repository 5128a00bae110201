import { LoggerService } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import type { RedisService } from '@golive/platform-node';
import type { LogLine } from '@golive/plugin-pipelines-common';
import { LogBroadcaster, LogEvent } from './types';

type RedisClient = ReturnType<RedisService['createClient']>;
type Listener = (event: LogEvent) => void;

const DEFAULT_CHANNEL_PREFIX = 'golive:pipelines:logs:';
const READY_TIMEOUT_MS = 10000;

/**
 * Rough size cap of one message: Redis disconnects subscribers whose
 * output buffer grows past 32 MiB, so big batches go out in parts.
 */
const MAX_MESSAGE_CHARS = 1024 * 1024;

function splitIntoMessages(lines: LogLine[]): LogLine[][] {
  const messages: LogLine[][] = [];
  let current: LogLine[] = [];
  let size = 0;
  for (const line of lines) {
    const lineSize = line.text.length + 100;
    if (current.length > 0 && size + lineSize > MAX_MESSAGE_CHARS) {
      messages.push(current);
      current = [];
      size = 0;
    }
    current.push(line);
    size += lineSize;
  }
  if (current.length > 0) {
    messages.push(current);
  }
  return messages;
}

/**
 * The {@link LogBroadcaster} on Redis pub/sub, one channel per job, so that
 * a viewer on any backend instance sees the lines of a job running on any
 * other.
 *
 * @remarks
 *
 * One connection publishes and one subscribes for all jobs of this
 * instance. Pub/sub keeps nothing: lines published while a viewer's
 * connection is down never reach it, which is why viewers fill gaps in
 * sequence numbers from the store.
 *
 * @public
 */
export class RedisLogBroadcaster implements LogBroadcaster {
  readonly #publisher: RedisClient;
  readonly #subscriber: RedisClient;
  readonly #prefix: string;
  readonly #logger: LoggerService;
  readonly #listeners = new Map<string, Set<Listener>>();
  readonly #subscriberReady: Promise<void>;

  /** Creates the broadcaster with two connections from the Redis service. */
  static create(options: {
    redis: RedisService;
    logger: LoggerService;
    channelPrefix?: string;
  }): RedisLogBroadcaster {
    return new RedisLogBroadcaster(
      options.redis.createClient({ connectionName: 'golive:pipelines-logs' }),
      options.redis.createClient({
        connectionName: 'golive:pipelines-logs-subscriber',
        maxRetriesPerRequest: null,
      }),
      options.channelPrefix ?? DEFAULT_CHANNEL_PREFIX,
      options.logger.child({ component: 'log-broadcaster' }),
    );
  }

  private constructor(
    publisher: RedisClient,
    subscriber: RedisClient,
    prefix: string,
    logger: LoggerService,
  ) {
    this.#publisher = publisher;
    this.#subscriber = subscriber;
    this.#prefix = prefix;
    this.#logger = logger;
    subscriber.on('message', (channel: string, message: string) =>
      this.#dispatch(channel, message),
    );
    for (const client of [publisher, subscriber]) {
      client.on('error', (error: Error) =>
        logger.warn('Redis connection for live logs failed', {
          error: String(error),
        }),
      );
    }
    // A SUBSCRIBE sent before the connection is ready would make ioredis
    // fail its own ready check, so the first one waits for it.
    this.#subscriberReady =
      subscriber.status === 'ready'
        ? Promise.resolve()
        : new Promise(resolve => subscriber.once('ready', () => resolve()));
  }

  async publish(jobId: string, lines: LogLine[]): Promise<void> {
    for (const part of splitIntoMessages(lines)) {
      await this.#publisher.publish(
        this.#channel(jobId),
        JSON.stringify({ type: 'lines', lines: part }),
      );
    }
  }

  async publishEnd(jobId: string): Promise<void> {
    await this.#publisher.publish(
      this.#channel(jobId),
      JSON.stringify({ type: 'end' }),
    );
  }

  async subscribe(
    jobId: string,
    listener: Listener,
  ): Promise<() => Promise<void>> {
    const channel = this.#channel(jobId);
    let listeners = this.#listeners.get(channel);
    if (!listeners) {
      listeners = new Set();
      this.#listeners.set(channel, listeners);
    }
    listeners.add(listener);
    await this.#waitUntilReady();
    // Resolves once Redis confirms, so later messages are sure to arrive.
    await this.#subscriber.subscribe(channel);

    const subscribed = listeners;
    return async () => {
      subscribed.delete(listener);
      if (
        subscribed.size === 0 &&
        this.#listeners.get(channel) === subscribed
      ) {
        this.#listeners.delete(channel);
        await this.#subscriber.unsubscribe(channel);
      }
    };
  }

  /** Closes both connections; for tests and early shutdown. */
  async close(): Promise<void> {
    await Promise.all([this.#publisher.quit(), this.#subscriber.quit()]);
  }

  async #waitUntilReady() {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new ServiceUnavailableError('Redis is not ready for live logs'),
          ),
        READY_TIMEOUT_MS,
      );
    });
    try {
      await Promise.race([this.#subscriberReady, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  #channel(jobId: string) {
    return `${this.#prefix}${jobId}`;
  }

  #dispatch(channel: string, message: string) {
    const listeners = this.#listeners.get(channel);
    if (!listeners) {
      return;
    }
    let event: LogEvent;
    try {
      event = JSON.parse(message);
    } catch (error) {
      this.#logger.warn('Dropped malformed log message', {
        channel,
        error: String(error),
      });
      return;
    }
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch {
        // One failing viewer must not stop the others.
      }
    }
  }
}
