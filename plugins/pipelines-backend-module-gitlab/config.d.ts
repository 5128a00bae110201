export interface Config {
  pipelines?: {
    /** GitLab webhooks of GoLive pipelines. */
    gitlab?: {
      /**
       * The secret token set on the GitLab webhook, which GitLab sends in
       * `X-Gitlab-Token`. Without it every GitLab delivery is refused.
       * Default: none.
       *
       * @visibility secret
       */
      webhookToken?: string;
    };
  };
}
