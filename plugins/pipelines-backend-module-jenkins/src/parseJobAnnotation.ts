import { InputError } from '@backstage/errors';
import { DEFAULT_INSTANCE_NAME } from './config/readJenkinsConfig';

/** Catalog annotation naming an entity's Jenkins jobs. */
export const JENKINS_JOB_FULL_NAME_ANNOTATION = 'jenkins.io/job-full-name';

/** One Jenkins job an annotation points at. */
export interface JenkinsJobRef {
  instance: string;
  /** Full name with folders, such as `shop/web/main`. */
  jobFullName: string;
}

// Characters Jenkins refuses in item names (Jenkins.checkGoodName)
const UNSAFE_NAME = /[?*\\%!@#$^&|<>[\]:;]/;

function invalid(value: string, why: string): InputError {
  return new InputError(
    `Invalid ${JENKINS_JOB_FULL_NAME_ANNOTATION} annotation "${value}": ${why}`,
  );
}

/**
 * Checks a job's full name: folders separated by `/`, each a name that
 * Jenkins accepts. Throws `InputError` otherwise.
 */
export function validateJobFullName(jobFullName: string, value: string) {
  const segments = jobFullName.split('/');
  for (const segment of segments) {
    if (segment.trim() === '') {
      throw invalid(value, `job "${jobFullName}" has an empty folder or name`);
    }
    if (segment === '.' || segment === '..' || UNSAFE_NAME.test(segment)) {
      throw invalid(
        value,
        `"${segment}" in job "${jobFullName}" is not a valid Jenkins name`,
      );
    }
  }
}

/**
 * Parses `jenkins.io/job-full-name`: one or more jobs separated by commas,
 * each `jobFullName` or `instanceName:jobFullName`. A job without an
 * instance is on `default`. Duplicates are dropped.
 */
export function parseJobAnnotation(value: string): JenkinsJobRef[] {
  const refs: JenkinsJobRef[] = [];
  for (const rawEntry of value.split(',')) {
    const entry = rawEntry.trim();
    if (entry === '') {
      throw invalid(value, 'a job name is empty');
    }

    const colon = entry.indexOf(':');
    const instance =
      colon === -1 ? DEFAULT_INSTANCE_NAME : entry.slice(0, colon).trim();
    const jobFullName = (colon === -1 ? entry : entry.slice(colon + 1)).trim();
    if (instance === '') {
      throw invalid(value, `"${entry}" has an empty instance name`);
    }
    validateJobFullName(jobFullName, value);

    if (
      !refs.some(r => r.instance === instance && r.jobFullName === jobFullName)
    ) {
      refs.push({ instance, jobFullName });
    }
  }
  return refs;
}

/** The URL path of a job: `a/b/c` becomes `/job/a/job/b/job/c`. */
export function jobPath(jobFullName: string): string {
  return jobFullName
    .split('/')
    .map(segment => `/job/${encodeURIComponent(segment)}`)
    .join('');
}
