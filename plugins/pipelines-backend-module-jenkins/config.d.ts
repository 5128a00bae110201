export interface Config {
  /**
   * Jenkins instances whose builds GoLive shows, in the shape of the
   * Backstage community Jenkins plugin so that one block serves both.
   * Either `instances`, or `baseUrl`, `username` and `apiKey` at this level
   * for a single instance named `default`. Absent: no instance, and entities
   * with `jenkins.io/job-full-name` get an error naming the missing config.
   */
  jenkins?: {
    /** Base URL of the single `default` instance, such as `https://ci.acme.com`. */
    baseUrl?: string;
    /** User the backend calls the single `default` instance as. */
    username?: string;
    /**
     * API token of `username` on the single `default` instance.
     * @visibility secret
     */
    apiKey?: string;
    /**
     * Whether to ask the single `default` instance for a CSRF crumb before
     * a POST. Default: true.
     */
    crumbIssuer?: boolean;
    /** Named instances; default: none. */
    instances?: Array<{
      /**
       * Name used in `jenkins.io/job-full-name` as `<name>:<job>`; a job
       * without a name prefix is looked up on `default`.
       */
      name: string;
      /** Base URL, such as `https://ci.acme.com` or `https://acme.com/jenkins`. */
      baseUrl: string;
      /** User the backend calls this instance as. */
      username: string;
      /**
       * API token of `username`.
       * @visibility secret
       */
      apiKey: string;
      /** Whether to ask for a CSRF crumb before a POST. Default: true. */
      crumbIssuer?: boolean;
    }>;
  };
}
