import type { LogLine } from '@golive/plugin-pipelines-common';
import { EventEmitter } from 'node:events';
import { LogBroadcaster, LogEvent } from './types';

/**
 * The {@link LogBroadcaster} of a single backend instance, used when Redis
 * is not configured.
 *
 * @public
 */
export class InProcessLogBroadcaster implements LogBroadcaster {
  readonly #emitter = new EventEmitter();

  /** Creates a broadcaster within this process. */
  static create(): InProcessLogBroadcaster {
    return new InProcessLogBroadcaster();
  }

  private constructor() {
    // Every viewer of a job is one listener.
    this.#emitter.setMaxListeners(0);
  }

  async publish(jobId: string, lines: LogLine[]): Promise<void> {
    if (lines.length > 0) {
      // Subscribers get copies, as they would from Redis.
      this.#emit(jobId, { type: 'lines', lines: lines.map(l => ({ ...l })) });
    }
  }

  async publishEnd(jobId: string): Promise<void> {
    this.#emit(jobId, { type: 'end' });
  }

  async subscribe(
    jobId: string,
    listener: (event: LogEvent) => void,
  ): Promise<() => Promise<void>> {
    const handler = (event: LogEvent) => {
      try {
        listener(event);
      } catch {
        // One failing viewer must not stop the others or the publisher.
      }
    };
    this.#emitter.on(jobId, handler);
    return async () => {
      this.#emitter.off(jobId, handler);
    };
  }

  #emit(jobId: string, event: LogEvent) {
    this.#emitter.emit(jobId, event);
  }
}
