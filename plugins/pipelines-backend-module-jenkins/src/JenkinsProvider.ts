import type { LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { Config } from '@backstage/config';
import { InputError, NotFoundError } from '@backstage/errors';
import type { OutboundHttp } from '@golive/platform-node';
import type { PipelineInput } from '@golive/plugin-pipelines-common';
import type {
  PipelinesExternalCiProvider,
  PipelinesExternalLogChunk,
  PipelinesExternalRun,
  PipelinesExternalRunDetail,
  PipelinesExternalSource,
} from '@golive/plugin-pipelines-node';
import { JenkinsClient } from './client/JenkinsClient';
import { WfapiStage } from './client/types';
import { JenkinsInstanceConfig } from './config/JenkinsInstanceConfig';
import {
  DEFAULT_INSTANCE_NAME,
  readJenkinsConfig,
} from './config/readJenkinsConfig';
import { mapBuild, mapBuildInputs, mapChildBuild } from './mapping/mapBuild';
import {
  isSupportedParameter,
  mapParameterDefinition,
} from './mapping/mapParameterDefinitions';
import { mapStages, wholeBuildJob } from './mapping/mapStages';
import { toBuildParameters } from './mapping/toBuildParameters';
import { mapLimit } from './mapLimit';
import { parseBuildNumber, parseNonNegativeInteger } from './parseBuildNumber';
import {
  JENKINS_JOB_FULL_NAME_ANNOTATION,
  parseJobAnnotation,
} from './parseJobAnnotation';

/** Most runs one `listRuns` call returns. */
const MAX_PAGE_SIZE = 500;
/** Stage describes fetched at once for the steps of a build. */
const STAGE_CONCURRENCY = 4;
/**
 * Builds with more stages show them without steps: each stage's steps cost
 * one request, and a run page should not cost Jenkins hundreds.
 */
const MAX_STAGES_WITH_STEPS = 40;

type SourceOptions = { entity: Entity; source: PipelinesExternalSource };

/**
 * Builds of the Jenkins jobs named by an entity's
 * `jenkins.io/job-full-name` annotation, as external runs of GoLive
 * pipelines. One source per job, keyed `<instance>:<jobFullName>`; a
 * multibranch project (or a folder) as a source lists the builds of its
 * branch jobs, whose external ids name the job (`main/12`).
 */
export class JenkinsProvider implements PipelinesExternalCiProvider {
  readonly id = 'jenkins';
  readonly title = 'Jenkins';
  readonly annotations = [JENKINS_JOB_FULL_NAME_ANNOTATION];

  readonly #clients: Map<string, JenkinsClient>;
  readonly #logger: LoggerService;

  /** Reads the instances from the `jenkins` config. */
  static fromConfig(
    config: Config,
    deps: { http: OutboundHttp; logger: LoggerService },
  ): JenkinsProvider {
    return JenkinsProvider.create({
      instances: readJenkinsConfig(config),
      ...deps,
    });
  }

  static create(options: {
    instances: JenkinsInstanceConfig[];
    http: OutboundHttp;
    logger: LoggerService;
    /** Per-request timeout; default: that of the outbound HTTP client. */
    timeoutMs?: number;
  }): JenkinsProvider {
    const clients = new Map(
      options.instances.map(instance => [
        instance.name,
        JenkinsClient.create({
          instance,
          http: options.http,
          timeoutMs: options.timeoutMs,
          logger: options.logger,
        }),
      ]),
    );
    return new JenkinsProvider(clients, options.logger);
  }

  private constructor(
    clients: Map<string, JenkinsClient>,
    logger: LoggerService,
  ) {
    this.#clients = clients;
    this.#logger = logger;
  }

  /** Names of the configured instances. */
  get instanceNames(): string[] {
    return [...this.#clients.keys()];
  }

  sourcesOf(entity: Entity): PipelinesExternalSource[] {
    const value =
      entity.metadata.annotations?.[JENKINS_JOB_FULL_NAME_ANNOTATION];
    if (value === undefined) {
      return [];
    }

    return parseJobAnnotation(value).map(({ instance, jobFullName }) => {
      const client = this.#clients.get(instance);
      if (!client) {
        const known = this.instanceNames.map(n => `"${n}"`).join(', ');
        throw new InputError(
          `${JENKINS_JOB_FULL_NAME_ANNOTATION} of ${stringifyEntityRef(
            entity,
          )} names Jenkins instance "${instance}", which is not configured (${
            known ? `configured: ${known}` : 'no jenkins config'
          })`,
        );
      }
      return {
        key: `${instance}:${jobFullName}`,
        label:
          instance === DEFAULT_INSTANCE_NAME
            ? jobFullName
            : `${jobFullName} (${instance})`,
        url: client.jobUrl(jobFullName),
      };
    });
  }

  async listRuns(
    options: SourceOptions & { limit: number; cursor?: string },
  ): Promise<{ runs: PipelinesExternalRun[]; nextCursor?: string }> {
    const { client, jobFullName } = this.#resolve(options);
    const { limit, cursor } = options;
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
      throw new InputError(
        `Invalid limit ${limit}: ask for 1 to ${MAX_PAGE_SIZE} Jenkins builds`,
      );
    }
    const from =
      cursor === undefined
        ? 0
        : parseNonNegativeInteger(cursor, 'Jenkins cursor');

    // One build more than asked tells whether there is a next page. Indexes
    // shift when a build starts meanwhile, so a page may repeat a build of
    // the previous one; external ids make that harmless.
    const to = from + limit + 1;
    const builds = await client.listBuilds(jobFullName, { from, to });
    if (builds) {
      return {
        runs: builds.slice(0, limit).map(build => mapBuild(build, jobFullName)),
        nextCursor: builds.length > limit ? String(from + limit) : undefined,
      };
    }

    // A multibranch project (or a folder): the builds of its branch jobs,
    // merged newest first. The newest `to` builds of each job hold the
    // merged list up to `to`.
    const children = await client.listChildBuilds(jobFullName, to);
    const merged = children
      .flatMap(child => child.builds.map(build => ({ child, build })))
      .sort(
        (a, b) =>
          b.build.timestamp - a.build.timestamp ||
          a.child.name.localeCompare(b.child.name) ||
          b.build.number - a.build.number,
      )
      .slice(from, to);
    return {
      runs: merged
        .slice(0, limit)
        .map(({ child, build }) =>
          mapChildBuild(build, jobFullName, child.name),
        ),
      nextCursor: merged.length > limit ? String(from + limit) : undefined,
    };
  }

  async getRun(
    options: SourceOptions & { externalId: string },
  ): Promise<PipelinesExternalRunDetail | undefined> {
    const { client, jobFullName, number, child } = this.#resolveBuild(options);

    const build = await client.getBuild(jobFullName, number);
    if (!build) {
      return undefined;
    }
    const run = child
      ? mapChildBuild(build, child.parent, child.name)
      : mapBuild(build, jobFullName);

    const pipeline = await client.getPipelineRun(jobFullName, number);
    if (!pipeline || pipeline.stages.length === 0) {
      return { ...run, jobs: [wholeBuildJob(run)] };
    }

    const stages =
      pipeline.stages.length > MAX_STAGES_WITH_STEPS
        ? []
        : await mapLimit(pipeline.stages, STAGE_CONCURRENCY, stage =>
            client.getPipelineStage(jobFullName, number, stage.id),
          );
    const details = new Map<string, WfapiStage>();
    for (const stage of stages) {
      if (stage) {
        details.set(stage.id, stage);
      }
    }
    const jobs = mapStages(pipeline, details, build.building);
    const waiting =
      run.status === 'running' && jobs.some(job => job.status === 'waiting');
    return { ...run, status: waiting ? 'waiting' : run.status, jobs };
  }

  async readLog(
    options: SourceOptions & {
      externalId: string;
      jobId?: string;
      offset: number;
    },
  ): Promise<PipelinesExternalLogChunk> {
    const { client, jobFullName, number } = this.#resolveBuild(options);
    if (!Number.isSafeInteger(options.offset) || options.offset < 0) {
      throw new InputError(
        `Invalid log offset ${options.offset}: not a whole number from 0`,
      );
    }

    // TODO(golive): the console is one log per build; a stage's own log
    // needs the wfapi log of each of its step nodes, so jobId is ignored.
    const chunk = await client.readConsole(jobFullName, number, options.offset);
    return { text: chunk.text, nextOffset: chunk.textSize, more: chunk.more };
  }

  async getInputs(options: SourceOptions): Promise<PipelineInput[]> {
    const { client, jobFullName } = this.#resolve(options);
    // a folder or multibranch project defines no parameters: none come back
    const definitions = await client.getParameterDefinitions(jobFullName);
    return definitions.filter(isSupportedParameter).map(mapParameterDefinition);
  }

  /** A folder or multibranch project cannot be started itself. */
  async canTrigger(options: SourceOptions): Promise<boolean> {
    const { client, jobFullName } = this.#resolve(options);
    return !(await client.holdsJobs(jobFullName));
  }

  async trigger(
    options: SourceOptions & {
      inputs: Record<string, string | boolean>;
      actor: string;
    },
  ): Promise<void> {
    const { client, jobFullName } = this.#resolve(options);
    if (await client.holdsJobs(jobFullName)) {
      // POST build on a multibranch project scans its branches instead
      throw new InputError(
        `Jenkins job "${jobFullName}" on "${client.instanceName}" holds jobs rather than builds; start a build of one of its jobs in Jenkins or re-run one of its builds`,
      );
    }
    const definitions = await client.getParameterDefinitions(jobFullName);
    const parameters = toBuildParameters(
      jobFullName,
      definitions,
      options.inputs,
    );

    // TODO(golive): Jenkins records the backend's user as the one who
    // started the build; the portal user is only in this log line and
    // GoLive's audit, as the REST API takes no cause without a job token.
    await client.startBuild(
      jobFullName,
      definitions.length ? parameters : undefined,
    );
    this.#logger.info('Jenkins build requested', {
      instance: client.instanceName,
      job: jobFullName,
      actor: options.actor,
    });
  }

  async rerun(
    options: SourceOptions & { externalId: string; actor: string },
  ): Promise<void> {
    const { client, jobFullName, number } = this.#resolveBuild(options);
    const build = await client.getBuild(jobFullName, number);
    if (!build) {
      throw new NotFoundError(
        `Build ${number} of Jenkins job "${jobFullName}" does not exist on "${client.instanceName}"`,
      );
    }

    // Parameters the job no longer defines are dropped, as Jenkins' own
    // rebuild does; hidden values (passwords) take their defaults.
    const definitions = await client.getParameterDefinitions(jobFullName);
    const inputs = Object.fromEntries(
      Object.entries(mapBuildInputs(build)).filter(([name]) =>
        definitions.some(d => d.name === name && isSupportedParameter(d)),
      ),
    );
    const parameters = toBuildParameters(jobFullName, definitions, inputs);

    await client.startBuild(
      jobFullName,
      definitions.length ? parameters : undefined,
    );
    this.#logger.info('Jenkins build re-run requested', {
      instance: client.instanceName,
      job: jobFullName,
      build: number,
      actor: options.actor,
    });
  }

  /**
   * The client, job and number of a build of a source: `<number>` for a
   * build of the job itself, `<job name>/<number>` for a build of a job
   * directly inside it (a branch job of a multibranch project).
   */
  #resolveBuild(options: SourceOptions & { externalId: string }): {
    client: JenkinsClient;
    jobFullName: string;
    number: number;
    child?: { parent: string; name: string };
  } {
    const { client, jobFullName } = this.#resolve(options);
    const { externalId } = options;
    const slash = externalId.lastIndexOf('/');
    if (slash === -1) {
      return { client, jobFullName, number: parseBuildNumber(externalId) };
    }
    const name = externalId.slice(0, slash);
    if (!name || name.includes('/') || name === '.' || name === '..') {
      throw new InputError(
        `Invalid Jenkins build "${externalId}": expected <number> or <job name>/<number>`,
      );
    }
    return {
      client,
      jobFullName: `${jobFullName}/${name}`,
      number: parseBuildNumber(externalId.slice(slash + 1)),
      child: { parent: jobFullName, name },
    };
  }

  /**
   * The client and job of a source, which must be one of the entity's own:
   * a caller cannot reach a job the entity does not name.
   */
  #resolve(options: SourceOptions): {
    client: JenkinsClient;
    jobFullName: string;
  } {
    const { entity, source } = options;
    const own = this.sourcesOf(entity).some(s => s.key === source.key);
    const colon = source.key.indexOf(':');
    if (!own || colon === -1) {
      throw new NotFoundError(
        `${stringifyEntityRef(entity)} has no Jenkins job "${source.key}"`,
      );
    }
    const client = this.#clients.get(source.key.slice(0, colon))!;
    return { client, jobFullName: source.key.slice(colon + 1) };
  }
}
