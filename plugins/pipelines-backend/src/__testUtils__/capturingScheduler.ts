import { mockServices } from '@backstage/backend-test-utils';

/**
 * A scheduler that keeps the tasks it is given instead of running them,
 * so that a test runs a task exactly when it wants to.
 */
export function capturingScheduler() {
  const tasks = new Map<string, () => Promise<void>>();
  const scheduler = mockServices.scheduler.mock({
    scheduleTask: async task => {
      tasks.set(task.id, async () => {
        await task.fn(new AbortController().signal as any);
      });
    },
  });
  return {
    factory: scheduler.factory,
    /** Runs a scheduled task once; throws when none has that id. */
    async run(id: string) {
      const task = tasks.get(id);
      if (!task) throw new Error(`No task "${id}" was scheduled`);
      await task();
    },
  };
}
