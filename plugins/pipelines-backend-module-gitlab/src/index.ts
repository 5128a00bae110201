/**
 * GitLab for GoLive pipelines: verified webhooks, pipeline files read
 * through the GitLab API, and commit statuses.
 *
 * @packageDocumentation
 */

export { pipelinesModuleGitlab as default } from './module';
export { GitlabScmProvider } from './GitlabScmProvider';
export { GitlabWebhookProvider } from './GitlabWebhookProvider';
