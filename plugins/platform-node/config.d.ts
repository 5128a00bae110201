export interface Config {
  /** Settings shared by every GoLive plugin. */
  golive?: {
    /**
     * Folder for the runtime data of the embedded default: SQLite files,
     * artifacts, demo repositories. Relative paths are taken from the
     * working directory of the backend. Default: `data` at the repo root.
     */
    dataDirectory?: string;

    /**
     * Redis. Absent means "no Redis": the job queue runs in-process.
     */
    redis?: {
      /**
       * Connection URL, for example `redis://:password@redis:6379/0`.
       * @visibility secret
       */
      url?: string;
      /**
       * How long the start waits for Redis before it fails, in
       * milliseconds. Default: 5000.
       */
      connectTimeoutMs?: number;
    };

    /** Job queue shared by the GoLive plugins. */
    queue?: {
      /** Prefix of every BullMQ key in Redis. Default: `golive`. */
      prefix?: string;
      /**
       * Milliseconds a BullMQ worker may hold a job without renewing its
       * lock before the job counts as stalled and is handed to another
       * worker. Default: 30000.
       */
      lockDurationMs?: number;
      /**
       * Milliseconds a shutdown waits for running job handlers before it
       * abandons them (BullMQ hands their jobs to another worker once their
       * locks expire). Default: 20000.
       */
      shutdownTimeoutMs?: number;
    };

    /** Artifact storage. */
    artifacts?: {
      /**
       * Folder of the local artifact store. Default: `artifacts` inside
       * `golive.dataDirectory`.
       */
      directory?: string;
    };

    /** Secrets kept by GoLive. */
    secrets?: {
      /**
       * Key of the AES-256-GCM encryption of stored secrets: 32 bytes,
       * written as 64 hex characters or as base64. Required in production.
       * @visibility secret
       */
      encryptionKey?: string;
    };

    /** Outbound HTTP from the backend (Jenkins, Jira, OpenAI, probes). */
    http?: {
      /**
       * Hosts that outbound requests may reach, such as `jira.acme.com`,
       * `*.acme.com` or `10.0.0.5:8080`. Default: none.
       */
      allowedHosts?: string[];
      /**
       * Request timeout in milliseconds. Default: 10000.
       */
      timeoutMs?: number;
    };
  };
}
