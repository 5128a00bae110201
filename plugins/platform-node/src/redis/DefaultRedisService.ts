import { Redis } from 'ioredis';
import type { RedisConfig } from './readRedisConfig';
import type { RedisClientOptions, RedisService } from './types';

/**
 * The {@link RedisService} of the default factory: one ioredis connection
 * per {@link RedisService.createClient} call, all closed by
 * {@link DefaultRedisService.close}.
 *
 * @public
 */
export class DefaultRedisService implements RedisService {
  readonly #config: RedisConfig | undefined;
  readonly #clients = new Set<Redis>();

  /**
   * Creates the service. Pass undefined config for "no Redis".
   */
  static create(options: { config: RedisConfig | undefined }) {
    return new DefaultRedisService(options.config);
  }

  private constructor(config: RedisConfig | undefined) {
    this.#config = config;
  }

  isConfigured(): boolean {
    return this.#config !== undefined;
  }

  getAddress(): string | undefined {
    return this.#config?.address;
  }

  createClient(options?: RedisClientOptions): Redis {
    if (!this.#config) {
      throw new Error(
        "Redis is not configured, set 'golive.redis.url' to use it",
      );
    }

    const client = new Redis(this.#config.url, {
      connectTimeout: this.#config.connectTimeoutMs,
      connectionName: options?.connectionName,
      maxRetriesPerRequest:
        options?.maxRetriesPerRequest === undefined
          ? 20
          : options.maxRetriesPerRequest,
    });
    this.#clients.add(client);
    client.once('end', () => this.#clients.delete(client));
    return client;
  }

  /**
   * Closes every connection this service made and is still open. Called by
   * the default factory on root shutdown.
   */
  async close(): Promise<void> {
    const clients = [...this.#clients];
    this.#clients.clear();
    await Promise.all(
      clients.map(async client => {
        // quit() answers before the socket is closed; 'end' marks the close.
        const ended = new Promise(resolve => client.once('end', resolve));
        try {
          await client.quit();
        } catch {
          // quit() fails when the connection is already down; drop it.
          client.disconnect();
        }
        await ended;
      }),
    );
  }
}
