import { randomBytes } from 'node:crypto';
import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';
import type {
  JenkinsCause,
  JenkinsParameterDefinition,
  JenkinsResult,
  WfapiNode,
  WfapiStatus,
} from '../client/types';

/**
 * A Jenkins for tests, on 127.0.0.1 at a random port. It answers the
 * paths the Jenkins module uses with the JSON shapes Jenkins documents:
 * `api/json` with `tree` and `{from,to}` ranges (where `builds` stops at
 * the newest 100 and `allBuilds` does not), the Pipeline Stage View
 * (`wfapi/describe`), `logText/progressiveText`, the crumb issuer and
 * `build` / `buildWithParameters`. Like Jenkins it wants basic auth on
 * every request and, on POST, a crumb from the same web session.
 */

export interface FakeStage {
  id: string;
  name: string;
  status: WfapiStatus;
  startTimeMillis: number;
  durationMillis: number;
  steps: WfapiNode[];
}

export interface FakeBuild {
  number: number;
  result: JenkinsResult | null;
  building: boolean;
  timestamp: number;
  duration: number;
  causes: JenkinsCause[];
  parameters: Array<{ _class: string; name: string; value?: unknown }>;
  revision?: { sha: string; branch: string };
  log: string;
  /** Absent on freestyle jobs, whose builds have no Stage View. */
  stages?: FakeStage[];
}

export interface FakeJob {
  fullName: string;
  pipeline: boolean;
  /** A multibranch project: a folder of jobs, without builds of its own. */
  multibranch: boolean;
  /** The user may read the job but not start it (no Job/Build). */
  readOnly: boolean;
  parameters: JenkinsParameterDefinition[];
  /** Oldest first. */
  builds: FakeBuild[];
  /** Form fields of every accepted build request. */
  started: Array<Record<string, string>>;
}

export interface FakeJenkins {
  baseUrl: string;
  host: string;
  username: string;
  apiKey: string;
  /** `METHOD path?query` of every request, in order. */
  requests: string[];
  addJob(
    fullName: string,
    options?: {
      pipeline?: boolean;
      multibranch?: boolean;
      readOnly?: boolean;
      parameters?: JenkinsParameterDefinition[];
    },
  ): FakeJob;
  addBuild(fullName: string, build?: Partial<FakeBuild>): FakeBuild;
  job(fullName: string): FakeJob;
  /** Answer every request with this status (such as 503), or stop. */
  failWith(status: number | undefined): void;
  /** Never answer. */
  hang(on: boolean): void;
  stop(): Promise<void>;
}

const RANGE = /\{(\d*)(?:,(\d*))?\}$/;

function applyRange<T>(items: T[], tree: string): T[] {
  const match = tree.match(RANGE);
  if (!match) {
    return items;
  }
  const from = match[1] === '' ? 0 : Number(match[1]);
  let to: number;
  if (match[2] === undefined) {
    to = from + 1;
  } else {
    to = match[2] === '' ? items.length : Number(match[2]);
  }
  return items.slice(from, to);
}

function runStatus(result: JenkinsResult | null): WfapiStatus {
  switch (result) {
    case 'SUCCESS':
      return 'SUCCESS';
    case 'FAILURE':
      return 'FAILED';
    case 'UNSTABLE':
      return 'UNSTABLE';
    default:
      return 'ABORTED';
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, body: unknown, status = 200) {
  res.writeHead(status, { 'content-type': 'application/json;charset=utf-8' });
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, status: number, message: string) {
  res.writeHead(status, { 'content-type': 'text/html;charset=utf-8' });
  res.end(
    `<html><body><h2>HTTP ERROR ${status}</h2><p>${message}</p></body></html>`,
  );
}

function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name) {
      cookies.set(name, value.join('='));
    }
  }
  return cookies;
}

/** Starts a fake Jenkins, optionally under a context path like `/jenkins`. */
export async function startFakeJenkins(
  options: { contextPath?: string; username?: string; apiKey?: string } = {},
): Promise<FakeJenkins> {
  const contextPath = options.contextPath ?? '';
  const username = options.username ?? 'golive-bot';
  const apiKey = options.apiKey ?? randomBytes(16).toString('hex');
  const jobs = new Map<string, FakeJob>();
  const sessions = new Map<string, string>();
  const requests: string[] = [];
  const sessionCookie = `JSESSIONID.${randomBytes(4).toString('hex')}`;
  let failure: number | undefined;
  let hanging = false;
  let baseUrl = '';

  const jobUrl = (fullName: string) =>
    `${baseUrl}${fullName
      .split('/')
      .map(s => `/job/${encodeURIComponent(s)}`)
      .join('')}/`;

  const buildJson = (job: FakeJob, build: FakeBuild) => ({
    _class: job.pipeline
      ? 'org.jenkinsci.plugins.workflow.job.WorkflowRun'
      : 'hudson.model.FreeStyleBuild',
    actions: [
      { _class: 'hudson.model.CauseAction', causes: build.causes },
      ...(build.parameters.length
        ? [
            {
              _class: 'hudson.model.ParametersAction',
              parameters: build.parameters,
            },
          ]
        : []),
      {},
      ...(build.revision
        ? [
            {
              _class: 'hudson.plugins.git.util.BuildData',
              lastBuiltRevision: {
                SHA1: build.revision.sha,
                branch: [
                  { SHA1: build.revision.sha, name: build.revision.branch },
                ],
              },
            },
          ]
        : []),
    ],
    building: build.building,
    duration: build.duration,
    number: build.number,
    result: build.result,
    timestamp: build.timestamp,
    url: `${jobUrl(job.fullName)}${build.number}/`,
  });

  const stageJson = (job: FakeJob, build: FakeBuild, stage: FakeStage) => ({
    _links: {
      self: {
        href: `${contextPath}${new URL(jobUrl(job.fullName)).pathname.slice(
          contextPath.length,
        )}${build.number}/execution/node/${stage.id}/wfapi/describe`,
      },
    },
    id: stage.id,
    name: stage.name,
    execNode: '',
    status: stage.status,
    startTimeMillis: stage.startTimeMillis,
    durationMillis: stage.durationMillis,
    pauseDurationMillis: 0,
  });

  const newBuild = (job: FakeJob, build: Partial<FakeBuild>): FakeBuild => {
    const number = build.number ?? (job.builds.at(-1)?.number ?? 0) + 1;
    const created: FakeBuild = {
      number,
      result: 'SUCCESS',
      building: false,
      timestamp: Date.UTC(2026, 0, 1) + number * 60_000,
      duration: 30_000,
      causes: [
        {
          _class: 'hudson.model.Cause$UserIdCause',
          shortDescription: `Started by user ${username}`,
          userId: username,
          userName: username,
        },
      ],
      parameters: [],
      log: `Started by user ${username}\nFinished: SUCCESS\n`,
      stages: job.pipeline ? [] : undefined,
      ...build,
    };
    job.builds.push(created);
    return created;
  };

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', baseUrl);
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    if (hanging) {
      return;
    }
    if (failure) {
      sendError(res, failure, 'Jenkins is going to shut down');
      return;
    }

    const expected = `Basic ${Buffer.from(`${username}:${apiKey}`).toString(
      'base64',
    )}`;
    if (req.headers.authorization !== expected) {
      res.setHeader('www-authenticate', 'Basic realm="Jenkins"');
      sendError(res, 401, `Invalid password/token for user: ${username}`);
      return;
    }
    if (!url.pathname.startsWith(`${contextPath}/`)) {
      sendError(res, 404, 'Not Found');
      return;
    }
    const path = url.pathname.slice(contextPath.length);

    if (path === '/crumbIssuer/api/json' && req.method === 'GET') {
      const session =
        parseCookies(req.headers.cookie).get(sessionCookie) ??
        randomBytes(12).toString('hex');
      const crumb = randomBytes(32).toString('hex');
      sessions.set(session, crumb);
      res.setHeader(
        'set-cookie',
        `${sessionCookie}=${session}; Path=${contextPath || '/'}; HttpOnly`,
      );
      sendJson(res, {
        _class: 'hudson.security.csrf.DefaultCrumbIssuer',
        crumb,
        crumbRequestField: 'Jenkins-Crumb',
      });
      return;
    }

    const match = path.match(/^((?:\/job\/[^/]+)+)\/(.*)$/);
    const fullName = match?.[1]
      .split('/job/')
      .slice(1)
      .map(decodeURIComponent)
      .join('/');
    const job = fullName ? jobs.get(fullName) : undefined;
    if (!match || !job) {
      sendError(res, 404, 'Not Found');
      return;
    }
    const rest = match[2].replace(/\/$/, '');

    if (req.method === 'POST') {
      const session = parseCookies(req.headers.cookie).get(sessionCookie);
      const crumb = session ? sessions.get(session) : undefined;
      const body = await readBody(req);
      if (!crumb || req.headers['jenkins-crumb'] !== crumb) {
        sendError(res, 403, 'No valid crumb was included in the request');
        return;
      }
      if (job.readOnly) {
        sendError(res, 403, `${username} is missing the Job/Build permission`);
        return;
      }
      if (rest !== 'build' && rest !== 'buildWithParameters') {
        sendError(res, 404, 'Not Found');
        return;
      }
      if (rest === 'buildWithParameters' && job.parameters.length === 0) {
        sendError(res, 400, `${job.fullName} is not parameterized`);
        return;
      }
      if (rest === 'build' && job.parameters.length > 0) {
        sendError(res, 400, 'This page expects a form submission');
        return;
      }

      const fields = Object.fromEntries([
        ...url.searchParams,
        ...new URLSearchParams(body),
      ]);
      job.started.push(fields);
      newBuild(job, {
        result: null,
        building: true,
        log: 'Started by user golive-bot\n',
        parameters: job.parameters.map(definition => {
          const raw =
            fields[definition.name] ?? definition.defaultParameterValue?.value;
          return {
            _class: definition._class!.replace('Definition', 'Value'),
            name: definition.name,
            value:
              definition.type === 'BooleanParameterDefinition'
                ? String(raw) === 'true'
                : raw,
          };
        }),
      });
      res.writeHead(201, {
        location: `${baseUrl}/queue/item/${job.builds.length}/`,
      });
      res.end();
      return;
    }

    const tree = url.searchParams.get('tree') ?? '';
    if (rest === 'api/json') {
      const newestFirst = [...job.builds]
        .reverse()
        .map(build => buildJson(job, build));
      const body: Record<string, unknown> = {
        _class: job.pipeline
          ? 'org.jenkinsci.plugins.workflow.job.WorkflowJob'
          : 'hudson.model.FreeStyleProject',
      };
      if (job.multibranch) {
        body._class =
          'org.jenkinsci.plugins.workflow.multibranch.WorkflowMultiBranchProject';
        // jobs[name,_class] or jobs[name,allBuilds[...]{from,to}]: the
        // branch jobs directly inside, with their own builds
        const inner = tree.match(/^jobs\[(.*)\]$/)?.[1];
        if (inner !== undefined) {
          body.jobs = [...jobs.values()]
            .filter(child => {
              const prefix = `${job.fullName}/`;
              return (
                child.fullName.startsWith(prefix) &&
                !child.fullName.slice(prefix.length).includes('/')
              );
            })
            .map(child => ({
              _class: 'org.jenkinsci.plugins.workflow.job.WorkflowJob',
              name: child.fullName.slice(job.fullName.length + 1),
              ...(inner.includes('allBuilds[')
                ? {
                    allBuilds: applyRange(
                      [...child.builds]
                        .reverse()
                        .map(build => buildJson(child, build)),
                      inner,
                    ),
                  }
                : {}),
            }));
        }
      } else if (tree.startsWith('jobs[')) {
        // a job of builds has no jobs: Jenkins leaves the field out
      } else if (tree.startsWith('allBuilds[')) {
        body.allBuilds = applyRange(newestFirst, tree);
      } else if (tree.startsWith('builds[')) {
        body.builds = applyRange(newestFirst.slice(0, 100), tree);
      } else if (tree.startsWith('property[')) {
        body.property = job.parameters.length
          ? [
              {
                _class: 'hudson.model.ParametersDefinitionProperty',
                parameterDefinitions: job.parameters,
              },
            ]
          : [{ _class: 'com.example.SomeOtherProperty' }];
      } else {
        sendError(res, 400, `This fake does not serve tree "${tree}"`);
        return;
      }
      sendJson(res, body);
      return;
    }

    const buildMatch = rest.match(/^(\d+)\/(.*)$/);
    const build = buildMatch
      ? job.builds.find(b => b.number === Number(buildMatch[1]))
      : undefined;
    if (!buildMatch || !build) {
      sendError(res, 404, 'Not Found');
      return;
    }
    const buildPath = buildMatch[2];

    if (buildPath === 'api/json') {
      sendJson(res, buildJson(job, build));
    } else if (buildPath === 'wfapi/describe' && build.stages) {
      sendJson(res, {
        _links: { self: { href: `${url.pathname}` } },
        id: String(build.number),
        name: `#${build.number}`,
        status: build.building ? 'IN_PROGRESS' : runStatus(build.result),
        startTimeMillis: build.timestamp,
        endTimeMillis: build.timestamp + build.duration,
        durationMillis: build.duration,
        queueDurationMillis: 5,
        pauseDurationMillis: 0,
        stages: build.stages.map(stage => stageJson(job, build, stage)),
      });
    } else if (buildPath.startsWith('execution/node/') && build.stages) {
      const nodeId = buildPath.match(
        /^execution\/node\/(\d+)\/wfapi\/describe$/,
      )?.[1];
      const stage = build.stages.find(s => s.id === nodeId);
      if (!stage) {
        sendError(res, 404, 'Not Found');
        return;
      }
      sendJson(res, {
        ...stageJson(job, build, stage),
        stageFlowNodes: stage.steps.map(step => ({
          _links: {
            self: { href: `/execution/node/${step.id}/wfapi/describe` },
          },
          execNode: '',
          pauseDurationMillis: 0,
          parentNodes: [stage.id],
          ...step,
        })),
      });
    } else if (buildPath === 'logText/progressiveText') {
      const log = Buffer.from(build.log, 'utf8');
      const start = Math.min(
        Number(url.searchParams.get('start') ?? 0) || 0,
        log.length,
      );
      res.writeHead(200, {
        'content-type': 'text/plain;charset=UTF-8',
        'x-text-size': String(log.length),
        ...(build.building ? { 'x-more-data': 'true' } : {}),
      });
      res.end(log.subarray(start));
    } else {
      sendError(res, 404, 'Not Found');
    }
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(error => {
      if (!res.headersSent) {
        sendError(res, 500, String(error));
      }
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}${contextPath}`;

  const fake: FakeJenkins = {
    baseUrl,
    host: `127.0.0.1:${port}`,
    username,
    apiKey,
    requests,
    addJob(fullName, jobOptions = {}) {
      const job: FakeJob = {
        fullName,
        pipeline: jobOptions.pipeline ?? true,
        multibranch: jobOptions.multibranch ?? false,
        readOnly: jobOptions.readOnly ?? false,
        parameters: jobOptions.parameters ?? [],
        builds: [],
        started: [],
      };
      jobs.set(fullName, job);
      return job;
    },
    addBuild(fullName, build = {}) {
      return newBuild(fake.job(fullName), build);
    },
    job(fullName) {
      const job = jobs.get(fullName);
      if (!job) {
        throw new Error(`The fake Jenkins has no job "${fullName}"`);
      }
      return job;
    },
    failWith(status) {
      failure = status;
    },
    hang(on) {
      hanging = on;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise(resolve => server.close(resolve));
    },
  };
  return fake;
}
