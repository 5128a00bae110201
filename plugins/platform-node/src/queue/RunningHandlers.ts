/**
 * The handler calls a worker has in flight, each with the abort controller
 * of its signal, so that a shutdown can wait for them within a time bound.
 */
export class RunningHandlers {
  readonly #running = new Map<Promise<void>, AbortController>();

  get size(): number {
    return this.#running.size;
  }

  /** Runs the call and tracks it until it settles. */
  run(call: (signal: AbortSignal) => Promise<void>): Promise<void> {
    const controller = new AbortController();
    const promise = Promise.resolve()
      .then(() => call(controller.signal))
      .finally(() => this.#running.delete(promise));
    this.#running.set(promise, controller);
    return promise;
  }

  /**
   * Waits until no call is in flight, including calls started while it
   * waits. Returns false, after aborting the signals of the calls still in
   * flight, when that takes longer than the timeout.
   */
  async drain(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.#running.size > 0) {
      const remainingMs = deadline - Date.now();
      if (remainingMs <= 0) {
        for (const controller of this.#running.values()) {
          controller.abort(new Error('The job queue is shutting down'));
        }
        return false;
      }
      await settledWithin([...this.#running.keys()], remainingMs);
    }
    return true;
  }
}

async function settledWithin(promises: Promise<void>[], ms: number) {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.allSettled(promises),
    new Promise<void>(resolve => {
      timer = setTimeout(resolve, ms);
    }),
  ]);
  clearTimeout(timer);
}
