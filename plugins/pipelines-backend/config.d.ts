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
      /**
       * Minutes the crons read from a pipeline file are trusted before the
       * file is read again (a slot that falls due always reads it). A cron
       * added to a file starts within this time. Default: 10.
       */
      refreshMinutes?: number;
    };
    worker?: {
      /** Jobs this backend instance runs at once. Default: 2. */
      concurrency?: number;
    };
    webhooks?: {
      /**
       * Seconds between two passes over the webhook inbox, which process
       * deliveries that failed or were left by a stopped backend (new
       * deliveries are processed at once). Default: 15.
       */
      retryIntervalSeconds?: number;
    };
    external?: {
      /**
       * Seconds between two syncs of the runs of external CI providers
       * (Jenkins, GitHub Actions) into the runs table. Default: 60.
       */
      syncIntervalSeconds?: number;
      /**
       * Most runs read per source on its first sync, newest first.
       * Default: 500.
       */
      maxRunsPerSource?: number;
    };
    retention?: {
      /**
       * Days a run is kept after it ended; older runs go with their jobs,
       * steps, logs, artifacts and commit statuses, in an hourly pass. The
       * newest run of each entity and runs that have not ended are always
       * kept. Default: unset, every run is kept.
       */
      runDays?: number;
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
