/**
 * Bitbucket Cloud for GoLive pipelines: verified webhooks, pipeline files
 * read through the Bitbucket API, and build statuses.
 *
 * @packageDocumentation
 */

export { pipelinesModuleBitbucket as default } from './module';
export { BitbucketScmProvider } from './BitbucketScmProvider';
export { BitbucketWebhookProvider } from './BitbucketWebhookProvider';
