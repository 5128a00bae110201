export interface Config {
  pipelines?: {
    /** Bitbucket Cloud webhooks of GoLive pipelines. */
    bitbucket?: {
      /**
       * The secret set on the Bitbucket Cloud webhook, with which Bitbucket
       * signs each delivery in `X-Hub-Signature`. Without it every
       * Bitbucket delivery is refused. Default: none.
       *
       * @visibility secret
       */
      webhookSecret?: string;
    };
  };
}
