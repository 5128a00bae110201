import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import { createServer, Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';

// These tests start the real backend as a child process with bad settings
// and read what it tells the person who started it.

jest.setTimeout(120_000);

const backendDir = path.resolve(__dirname, '..');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise(resolve => server.close(resolve));
  return port;
}

type Outcome = { code: number | null; output: string; seconds: number };

async function startBackend(
  env: Record<string, string>,
  timeoutMs = 90_000,
): Promise<Outcome> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'golive-startup-'));
  const started = Date.now();
  const child: ChildProcess = spawn(
    process.execPath,
    ['--require', '@backstage/cli/config/nodeTransform.cjs', 'src/index.ts'],
    {
      cwd: backendDir,
      env: {
        ...process.env,
        NODE_ENV: 'development',
        APP_CONFIG_backend_database_connection_directory: dataDir,
        APP_CONFIG_golive_dataDirectory: dataDir,
        ...env,
      },
    },
  );
  let output = '';
  child.stdout!.on('data', chunk => (output += chunk));
  child.stderr!.on('data', chunk => (output += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>(resolve =>
    child.on('exit', resolve),
  );
  clearTimeout(timer);
  fs.rmSync(dataDir, { recursive: true, force: true });
  return { code, output, seconds: (Date.now() - started) / 1000 };
}

describe('backend start', () => {
  let port: number;

  beforeEach(async () => {
    port = await freePort();
  });

  it('fails with a message naming the key of a malformed golive value', async () => {
    const outcome = await startBackend({
      APP_CONFIG_backend_listen_port: String(port),
      APP_CONFIG_golive_redis_url: 'not a url',
    });

    expect(outcome.code).toBe(1);
    expect(outcome.output).toContain('GoLive could not start');
    expect(outcome.output).toContain('golive.redis.url');
    expect(outcome.output).not.toMatch(/^\s+at /m);
  });

  it('fails soon when the configured Redis is unreachable', async () => {
    const closedPort = await freePort();
    const outcome = await startBackend({
      APP_CONFIG_backend_listen_port: String(port),
      APP_CONFIG_golive_redis_url: `redis://:hunter2secret@127.0.0.1:${closedPort}`,
    });

    expect(outcome.code).toBe(1);
    expect(outcome.output).toContain(
      `Redis is unreachable at 127.0.0.1:${closedPort}`,
    );
    expect(outcome.output).not.toContain('hunter2secret');
  });

  it('names the port that is already in use', async () => {
    const holder: Server = createServer();
    await new Promise<void>(resolve => holder.listen(port, resolve));
    try {
      const outcome = await startBackend({
        APP_CONFIG_backend_listen_port: String(port),
      });

      expect(outcome.code).toBe(1);
      expect(outcome.output).toContain(`Port ${port} is already in use`);
    } finally {
      holder.close();
    }
  });
});
