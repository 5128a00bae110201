import { randomBytes } from 'node:crypto';
import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';
import { parseCookies, readBody, sendError, sendJson } from './fakeJenkinsHttp';
import { fakeJenkinsJson } from './fakeJenkinsJson';
import type { FakeBuild, FakeJenkins, FakeJob } from './fakeJenkinsTypes';

export type {
  FakeBuild,
  FakeJenkins,
  FakeJob,
  FakeStage,
} from './fakeJenkinsTypes';

/**
 * A Jenkins for tests, on 127.0.0.1 at a random port. It answers the
 * paths the Jenkins module uses with the JSON shapes Jenkins documents:
 * `api/json` with `tree` and `{from,to}` ranges (where `builds` stops at
 * the newest 100 and `allBuilds` does not), the Pipeline Stage View
 * (`wfapi/describe`), `logText/progressiveText`, the crumb issuer and
 * `build` / `buildWithParameters`. Like Jenkins it wants basic auth on
 * every request and, on POST, a crumb from the same web session. It runs
 * under a context path, such as `/jenkins`, when given one.
 */
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

  const json = fakeJenkinsJson({ jobs, jobUrl, contextPath });

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
      const body = json.job(job, tree);
      if (body) {
        sendJson(res, body);
      } else {
        sendError(res, 400, `This fake does not serve tree "${tree}"`);
      }
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

    const nodeId = buildPath.match(
      /^execution\/node\/(\d+)\/wfapi\/describe$/,
    )?.[1];
    const stage = build.stages?.find(s => s.id === nodeId);
    if (buildPath === 'api/json') {
      sendJson(res, json.build(job, build));
    } else if (buildPath === 'wfapi/describe' && build.stages) {
      sendJson(res, json.pipelineRun(job, build, url.pathname));
    } else if (stage) {
      sendJson(res, json.stageWithSteps(job, build, stage));
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
