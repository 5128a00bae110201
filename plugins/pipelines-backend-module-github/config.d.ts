export interface Config {
  /** GoLive pipelines. */
  pipelines?: {
    /**
     * GitHub module. API credentials (a token or a GitHub App) and API
     * addresses come from Backstage's `integrations.github` entries; this
     * key only holds what GitHub itself does not know about.
     */
    github?: {
      /**
       * Secret of the repository or organization webhook, as entered in
       * GitHub's webhook settings. Deliveries to
       * `/api/pipelines/webhooks/github` are checked against it
       * (`X-Hub-Signature-256`). Default: none, which refuses every
       * delivery.
       * @visibility secret
       */
      webhookSecret?: string;
    };
  };
}
