import { Config } from '@backstage/config';
import { JenkinsInstanceConfig } from './JenkinsInstanceConfig';

/** Name of the instance that annotations without a prefix point at. */
export const DEFAULT_INSTANCE_NAME = 'default';

// Annotations split `<instance>:<job>` at the first colon, and Jenkins job
// names cannot hold one, so instance names must not either.
const INSTANCE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function readInstance(
  config: Config,
  name: string,
  where: string,
): JenkinsInstanceConfig {
  const rawBaseUrl = config.getString('baseUrl');
  let url: URL;
  try {
    url = new URL(rawBaseUrl);
  } catch {
    throw new Error(
      `Invalid ${where}.baseUrl "${rawBaseUrl}": not an absolute URL`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(
      `Invalid ${where}.baseUrl "${rawBaseUrl}": use http: or https:`,
    );
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new Error(
      `Invalid ${where}.baseUrl "${rawBaseUrl}": no query, fragment or credentials; use username and apiKey`,
    );
  }

  const username = config.getOptionalString('username');
  const apiKey = config.getOptionalString('apiKey');
  if (!username || !apiKey) {
    throw new Error(
      `Jenkins instance "${name}" needs ${where}.username and ${where}.apiKey`,
    );
  }

  return {
    name,
    baseUrl: url.toString().replace(/\/+$/, ''),
    username,
    apiKey,
    crumbIssuer: config.getOptionalBoolean('crumbIssuer') ?? true,
  };
}

/**
 * Reads `jenkins.instances[]` and the single-instance form
 * `jenkins.baseUrl/username/apiKey` (named `default`), as the Backstage
 * community Jenkins plugin does. Throws an error naming the key for
 * anything invalid; returns an empty list without `jenkins` config.
 */
export function readJenkinsConfig(config: Config): JenkinsInstanceConfig[] {
  const jenkins = config.getOptionalConfig('jenkins');
  if (!jenkins) {
    return [];
  }

  const instances: JenkinsInstanceConfig[] = [];
  const listed = jenkins.getOptionalConfigArray('instances') ?? [];
  listed.forEach((instanceConfig, index) => {
    const where = `jenkins.instances[${index}]`;
    const name = instanceConfig.getString('name');
    if (!INSTANCE_NAME.test(name)) {
      throw new Error(
        `Invalid ${where}.name "${name}": use letters, digits, ".", "_" and "-"`,
      );
    }
    if (instances.some(instance => instance.name === name)) {
      throw new Error(`Duplicate Jenkins instance name "${name}" in ${where}`);
    }
    instances.push(readInstance(instanceConfig, name, where));
  });

  if (jenkins.has('baseUrl')) {
    if (instances.some(i => i.name === DEFAULT_INSTANCE_NAME)) {
      throw new Error(
        `Jenkins instance "${DEFAULT_INSTANCE_NAME}" is configured twice: in jenkins.baseUrl and in jenkins.instances`,
      );
    }
    instances.push(readInstance(jenkins, DEFAULT_INSTANCE_NAME, 'jenkins'));
  } else if (jenkins.has('username') || jenkins.has('apiKey')) {
    throw new Error(
      'jenkins.username and jenkins.apiKey need jenkins.baseUrl; put named instances under jenkins.instances',
    );
  }

  return instances;
}
