/** One Jenkins instance the backend talks to. */
export interface JenkinsInstanceConfig {
  /** Name used in annotations, such as `main`. */
  name: string;
  /** Base URL without a trailing slash, such as `https://acme.com/jenkins`. */
  baseUrl: string;
  username: string;
  apiKey: string;
  /** Whether to ask for a CSRF crumb before a POST. */
  crumbIssuer: boolean;
}
