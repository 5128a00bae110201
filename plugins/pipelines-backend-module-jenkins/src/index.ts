/**
 * Jenkins for GoLive pipelines: the builds of the jobs named by
 * `jenkins.io/job-full-name`, their stages and console logs, and new and
 * repeated builds.
 *
 * @packageDocumentation
 */

export { pipelinesModuleJenkins as default } from './module';
export { JenkinsProvider } from './JenkinsProvider';
export { JENKINS_JOB_FULL_NAME_ANNOTATION } from './parseJobAnnotation';
