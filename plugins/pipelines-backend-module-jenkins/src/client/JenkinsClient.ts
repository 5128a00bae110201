import type { LoggerService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import type { OutboundHttp } from '@golive/platform-node';
import { JenkinsInstanceConfig } from '../config/JenkinsInstanceConfig';
import { jobPath } from '../parseJobAnnotation';
import { JenkinsHttp } from './JenkinsHttp';
import {
  JenkinsBuild,
  JenkinsLogChunk,
  JenkinsParameterDefinition,
  WfapiRun,
  WfapiStage,
} from './types';

const CAUSE_FIELDS = 'causes[shortDescription,userId,userName]';
const BUILD_FIELDS =
  'number,url,result,building,timestamp,duration,' +
  `actions[parameters[name,value],${CAUSE_FIELDS},lastBuiltRevision[SHA1,branch[name]]]`;
const PARAMETER_FIELDS =
  'property[parameterDefinitions[name,type,description,defaultParameterValue[value],choices]]';

/**
 * Talks to one Jenkins instance through its JSON API, with basic auth
 * (user and API token), over the backend's outbound HTTP client.
 *
 * Connection failures, timeouts and 5xx answers throw
 * `ServiceUnavailableError` (`Jenkins "<name>" is not answering`); 401
 * and 403 throw `NotAllowedError` naming the credentials; 404 throws
 * `NotFoundError` unless a method says it answers undefined.
 */
export class JenkinsClient {
  readonly #instance: JenkinsInstanceConfig;
  readonly #http: JenkinsHttp;

  static create(options: {
    instance: JenkinsInstanceConfig;
    http: OutboundHttp;
    logger: LoggerService;
    /** Per-request timeout; default: that of the outbound HTTP client. */
    timeoutMs?: number;
  }): JenkinsClient {
    return new JenkinsClient(options.instance, JenkinsHttp.create(options));
  }

  private constructor(instance: JenkinsInstanceConfig, http: JenkinsHttp) {
    this.#instance = instance;
    this.#http = http;
  }

  get instanceName(): string {
    return this.#instance.name;
  }

  /** Web page of a job. */
  jobUrl(jobFullName: string): string {
    return `${this.#instance.baseUrl}${jobPath(jobFullName)}/`;
  }

  /**
   * Builds of a job, newest first, from index `from` (inclusive) to `to`
   * (exclusive). Uses `allBuilds`, since `builds` stops at the newest 100.
   * Undefined for a job that holds jobs rather than builds: a folder or a
   * multibranch project (see `listChildBuilds`).
   */
  async listBuilds(
    jobFullName: string,
    range: { from: number; to: number },
  ): Promise<JenkinsBuild[] | undefined> {
    const body = await this.#http.json<{
      _class?: string;
      allBuilds?: JenkinsBuild[];
    }>(`${jobPath(jobFullName)}/api/json`, {
      query: { tree: `allBuilds[${BUILD_FIELDS}]{${range.from},${range.to}}` },
      allowNotFound: true,
    });
    if (!body) {
      throw this.#jobNotFound(jobFullName);
    }
    return Array.isArray(body.allBuilds) ? body.allBuilds : undefined;
  }

  /**
   * The jobs directly inside a folder or multibranch project (its branch
   * jobs), each with its newest `newest` builds, newest first; jobs that
   * hold jobs themselves are left out. `InputError` for a job that holds
   * neither builds nor jobs.
   */
  async listChildBuilds(
    jobFullName: string,
    newest: number,
  ): Promise<Array<{ name: string; builds: JenkinsBuild[] }>> {
    const body = await this.#http.json<{
      _class?: string;
      jobs?: Array<{ name?: string; allBuilds?: JenkinsBuild[] }>;
    }>(`${jobPath(jobFullName)}/api/json`, {
      query: { tree: `jobs[name,allBuilds[${BUILD_FIELDS}]{0,${newest}}]` },
      allowNotFound: true,
    });
    if (!body) {
      throw this.#jobNotFound(jobFullName);
    }
    if (!Array.isArray(body.jobs)) {
      throw new InputError(
        `Jenkins job "${jobFullName}" on "${
          this.#instance.name
        }" has neither builds nor jobs (${body._class ?? 'unknown kind'})`,
      );
    }
    return body.jobs.flatMap(job =>
      typeof job?.name === 'string' && Array.isArray(job.allBuilds)
        ? [{ name: job.name, builds: job.allBuilds }]
        : [],
    );
  }

  /** Whether a job holds jobs (a folder, a multibranch project). */
  async holdsJobs(jobFullName: string): Promise<boolean> {
    const body = await this.#http.json<{ jobs?: unknown[] }>(
      `${jobPath(jobFullName)}/api/json`,
      { query: { tree: 'jobs[name]' }, allowNotFound: true },
    );
    if (!body) {
      throw this.#jobNotFound(jobFullName);
    }
    return Array.isArray(body.jobs);
  }

  /** One build; undefined when the job or build does not exist. */
  async getBuild(
    jobFullName: string,
    number: number,
  ): Promise<JenkinsBuild | undefined> {
    const build = await this.#http.json<JenkinsBuild>(
      `${jobPath(jobFullName)}/${number}/api/json`,
      { query: { tree: BUILD_FIELDS }, allowNotFound: true },
    );
    if (build && typeof build.number !== 'number') {
      throw this.#http.unexpected(`build ${number} of job "${jobFullName}"`);
    }
    return build;
  }

  /**
   * The Pipeline Stage View of a build; undefined for jobs that are not
   * Pipelines (freestyle) or instances without the Stage View plugin.
   */
  async getPipelineRun(
    jobFullName: string,
    number: number,
  ): Promise<WfapiRun | undefined> {
    const run = await this.#http.json<WfapiRun>(
      `${jobPath(jobFullName)}/${number}/wfapi/describe`,
      { allowNotFound: true },
    );
    if (run && !Array.isArray(run.stages)) {
      throw this.#http.unexpected(`the stages of build ${number}`);
    }
    return run;
  }

  /** One stage of a Pipeline build with its step nodes. */
  async getPipelineStage(
    jobFullName: string,
    number: number,
    nodeId: string,
  ): Promise<WfapiStage | undefined> {
    const path = `${jobPath(
      jobFullName,
    )}/${number}/execution/node/${encodeURIComponent(nodeId)}/wfapi/describe`;
    const stage = await this.#http.json<WfapiStage>(path, {
      allowNotFound: true,
    });
    if (stage && !Array.isArray(stage.stageFlowNodes)) {
      throw this.#http.unexpected(`stage ${nodeId} of build ${number}`);
    }
    return stage;
  }

  /** Console log of a build from byte `start` on. */
  async readConsole(
    jobFullName: string,
    number: number,
    start: number,
  ): Promise<JenkinsLogChunk> {
    const path = `${jobPath(jobFullName)}/${number}/logText/progressiveText`;
    const response = await this.#http.request(path, {
      query: { start: String(start) },
      allowNotFound: true,
    });
    if (!response) {
      throw new NotFoundError(
        `Build ${number} of Jenkins job "${jobFullName}" on "${
          this.#instance.name
        }" has no log`,
      );
    }

    const text = await this.#http.readText(response);
    const size = Number(response.headers.get('x-text-size'));
    return {
      text,
      // Without the header (a proxy dropped it), count the bytes read
      textSize:
        response.headers.has('x-text-size') &&
        Number.isSafeInteger(size) &&
        size >= 0
          ? size
          : start + Buffer.byteLength(text),
      more: response.headers.get('x-more-data') === 'true',
    };
  }

  /** Parameter definitions of a job; empty when it takes none. */
  async getParameterDefinitions(
    jobFullName: string,
  ): Promise<JenkinsParameterDefinition[]> {
    const body = await this.#http.json<{
      property?: Array<{ parameterDefinitions?: JenkinsParameterDefinition[] }>;
    }>(`${jobPath(jobFullName)}/api/json`, {
      query: { tree: PARAMETER_FIELDS },
      allowNotFound: true,
    });
    if (!body) {
      throw this.#jobNotFound(jobFullName);
    }
    return (body.property ?? []).flatMap(
      property => property?.parameterDefinitions ?? [],
    );
  }

  /**
   * Queues a build: `buildWithParameters` when `parameters` is given (even
   * empty, to take the defaults), `build` otherwise. Sends the CSRF crumb
   * with the session cookie it belongs to.
   */
  async startBuild(
    jobFullName: string,
    parameters?: Record<string, string>,
  ): Promise<void> {
    const crumb = await this.#crumbHeaders();
    const path = `${jobPath(jobFullName)}/${
      parameters ? 'buildWithParameters' : 'build'
    }`;
    const response = await this.#http.request(path, {
      method: 'POST',
      headers: {
        ...crumb,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams(parameters ?? {}).toString(),
      allowNotFound: true,
    });
    if (!response) {
      throw this.#jobNotFound(jobFullName);
    }
    await response.body?.cancel();
  }

  async #crumbHeaders(): Promise<Record<string, string>> {
    if (!this.#instance.crumbIssuer) {
      return {};
    }
    const response = await this.#http.request('/crumbIssuer/api/json', {
      allowNotFound: true,
    });
    // 404: CSRF protection is off on this instance
    if (!response) {
      return {};
    }

    const body = this.#http.parse<{
      crumb?: string;
      crumbRequestField?: string;
    }>(await this.#http.readText(response), 'the crumb issuer');
    if (!body.crumb || !body.crumbRequestField) {
      throw this.#http.unexpected('the crumb issuer');
    }

    // Jenkins ties a crumb to the web session that asked for it
    const cookie = response.headers
      .getSetCookie()
      .map(setCookie => setCookie.split(';')[0].trim())
      .filter(Boolean)
      .join('; ');
    return {
      [body.crumbRequestField]: body.crumb,
      ...(cookie ? { cookie } : {}),
    };
  }

  #jobNotFound(jobFullName: string): NotFoundError {
    return new NotFoundError(
      `Jenkins job "${jobFullName}" does not exist on "${this.#instance.name}"`,
    );
  }
}
