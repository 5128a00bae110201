export interface Config {
  /** Configuration of the GoLive pipelines backend. */
  pipelines?: {
    logs?: {
      /**
       * Most bytes of log kept per job; past it the log is cut with a
       * visible marker. Default: 104857600 (100 MiB).
       */
      maxBytesPerJob?: number;
    };
    workspaces?: {
      /**
       * Folder of the job workspaces (git checkouts). A relative path is
       * taken from the working directory of the backend. Default:
       * `workspaces` inside `golive.dataDirectory`.
       */
      directory?: string;
    };
    reconciler?: {
      /**
       * Seconds between two passes of the reconciler, which puts lost
       * queued or running jobs back on the queue. Default: 30.
       */
      intervalSeconds?: number;
    };
    schedules?: {
      /**
       * Whether `on.schedule` crons of pipeline files start runs. A check
       * runs once a minute across the cluster. Default: true.
       */
      enabled?: boolean;
    };
    worker?: {
      /** Jobs this backend instance runs at once. Default: 2. */
      concurrency?: number;
    };
    demo?: {
      /**
       * Creates the demo repository `demo-repos/shop-web` inside
       * `golive.dataDirectory` at start, when absent. Default: false.
       */
      enabled?: boolean;
    };
  };
}
