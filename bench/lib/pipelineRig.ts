import { execFileSync, spawn } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BackendFeature } from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';
import { Queue, Worker } from 'bullmq';
import { BenchDatabase, createBenchDatabase } from './benchDatabase';
import { BenchRedis, createBenchRedis } from './benchRedis';
import { startPipelinesBackend } from './startPipelinesBackend';

/** The arguments LocalExecutor gives bash, so both sides run the same. */
const BASH_ARGS = ['--noprofile', '--norc', '-e', '-o', 'pipefail', '-c'];

/** A git repository in `dir` holding one pipeline file, committed. */
function createRepository(dir: string, pipelineYaml: string) {
  mkdirSync(join(dir, '.golive'), { recursive: true });
  writeFileSync(join(dir, '.golive/pipeline.yaml'), pipelineYaml);
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'Bench',
    GIT_AUTHOR_EMAIL: 'bench@example.com',
    GIT_COMMITTER_NAME: 'Bench',
    GIT_COMMITTER_EMAIL: 'bench@example.com',
  };
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: dir, env, stdio: 'pipe' });
  git('init', '-q', '--initial-branch=main');
  git('add', '.');
  git('commit', '-q', '-m', 'bench pipeline');
}

/** Runs a step command the way LocalExecutor does, without anything else. */
export function spawnBare(command: string, env: Record<string, string>) {
  return new Promise<number | null>((resolve, reject) => {
    const child = spawn('bash', [...BASH_ARGS, command], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.resume();
    child.stderr.resume();
    child.once('error', reject);
    child.once('close', code => resolve(code));
  });
}

/**
 * What the orchestrator benchmarks share: a fresh database, a Redis prefix,
 * the real pipelines plugin on BullMQ, git repositories for the entities,
 * and a raw BullMQ queue under the same prefix for the baseline.
 */
export async function createPipelineRig(options: {
  label: string;
  concurrency: number;
  /** Entity name to pipeline YAML, given the rig's own folder. */
  pipelines: (root: string) => Record<string, string>;
  /** Backend modules beside the plugin, such as an SCM provider's. */
  modules?: BackendFeature[];
  /** Config beside the rig's own (see `startPipelinesBackend`). */
  config?: JsonObject;
  /** Further annotations of every entity, given its name. */
  annotations?: (name: string) => Record<string, string>;
}) {
  const root = mkdtempSync(join(tmpdir(), `golive-bench-${options.label}-`));
  const db: BenchDatabase = await createBenchDatabase();
  const redis: BenchRedis = createBenchRedis(options.label);
  const cleanups: Array<() => Promise<unknown>> = [];
  const cleanup = async () => {
    for (const fn of cleanups.reverse()) {
      await fn().catch(error =>
        // eslint-disable-next-line no-console
        console.error(`cleanup of ${options.label} failed: ${error}`),
      );
    }
  };
  cleanups.push(async () => rmSync(root, { recursive: true, force: true }));
  cleanups.push(() => db.drop());
  cleanups.push(() => redis.cleanup());

  try {
    const entities = Object.entries(options.pipelines(root)).map(
      ([name, yaml]) => {
        const dir = join(root, 'repos', name);
        createRepository(dir, yaml);
        return {
          name,
          repositoryUrl: dir,
          annotations: options.annotations?.(name),
        };
      },
    );
    const started = await startPipelinesBackend({
      knex: db.knex,
      dataDirectory: join(root, 'data'),
      entities,
      redis: { url: redis.url, prefix: redis.prefix },
      concurrency: options.concurrency,
      modules: options.modules,
      config: options.config,
    });
    cleanups.push(() => started.stop());

    const post = async (path: string, body: object) => {
      const res = await fetch(`${started.baseUrl}/pipelines${path}`, {
        method: 'POST',
        headers: { ...started.headers, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const json = await res.json();
      if (res.status !== 201) {
        throw new Error(
          `POST ${path} answered ${res.status}: ${JSON.stringify(json)}`,
        );
      }
      return json;
    };

    /** A raw BullMQ queue and worker under the same prefix. */
    const rawQueue = <T>(
      name: string,
      handler: (data: T) => Promise<void>,
      concurrency: number,
    ) => {
      const queue = new Queue(name, {
        connection: redis.connect(),
        prefix: redis.prefix,
      });
      const worker = new Worker(name, async job => handler(job.data as T), {
        connection: redis.connect({ maxRetriesPerRequest: null }),
        prefix: redis.prefix,
        concurrency,
      });
      cleanups.push(async () => {
        await worker.close();
        await queue.close();
      });
      return { queue, worker };
    };

    return {
      root,
      /** `http://127.0.0.1:<port>/api` of the backend. */
      baseUrl: started.baseUrl,
      db,
      redis,
      post,
      rawQueue,
      cleanup,
      readText: (path: string) => {
        try {
          return readFileSync(path, 'utf8');
        } catch {
          return '';
        }
      },
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

export type PipelineRig = Awaited<ReturnType<typeof createPipelineRig>>;
