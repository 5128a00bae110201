/**
 * GitHub for GoLive pipelines: signed webhooks, pipeline files read and
 * commit statuses posted through the GitHub API, and GitHub Actions runs in
 * the same views as GoLive's own.
 *
 * @packageDocumentation
 */

export { pipelinesModuleGithub as default } from './module';
export { GithubActionsProvider } from './GithubActionsProvider';
export { GithubScmProvider } from './GithubScmProvider';
export { GithubWebhookProvider } from './GithubWebhookProvider';
