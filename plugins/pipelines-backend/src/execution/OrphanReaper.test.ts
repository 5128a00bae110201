import { ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OrphanReaper } from './OrphanReaper';
import { isAlive } from '../__testUtils__/processes';
import { waitUntil } from '../__testUtils__/waitUntil';

jest.setTimeout(30_000);

async function readPids(file: string): Promise<number[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.split(/\s+/).filter(Boolean).map(Number);
}

describe('OrphanReaper', () => {
  let directory: string;
  const processes: ChildProcess[] = [];
  const strays: number[] = [];

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'golive-reaper-'));
  });

  afterEach(async () => {
    for (const child of processes.splice(0)) child.kill('SIGKILL');
    for (const pid of strays.splice(0)) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone, as it should be
      }
    }
    await rm(directory, { recursive: true, force: true });
  });

  /** A `sleep` leading a process group of its own, as a step's shell does. */
  const startGroup = () => {
    const child = spawn('sleep', ['60'], { detached: true, stdio: 'ignore' });
    child.unref();
    strays.push(child.pid!);
    return child.pid!;
  };

  /** A process running one step through the local executor. */
  const startOwner = (command: string, graceMs: number) => {
    const owner = spawn(
      process.execPath,
      [
        '--require',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
        require.resolve('./__testUtils__/runStepUntilKilled.ts'),
        command,
        directory,
        String(graceMs),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    processes.push(owner);
    let output = '';
    owner.stdout!.on('data', chunk => (output += chunk));
    return { owner, started: () => output.includes('started\n') };
  };

  it('ends the step processes of an executor whose process was SIGKILLed', async () => {
    const pidFile = join(directory, 'pids');
    // the shell and a background child, both in the step's group
    const { owner, started } = startOwner(
      `sleep 60 & echo $! >> ${pidFile}; echo $$ >> ${pidFile}; wait`,
      2000,
    );
    await waitUntil(
      async () => started() && (await readPids(pidFile)).length === 2,
    );
    const pids = await readPids(pidFile);
    pids.forEach(pid => strays.push(pid));
    expect(pids.every(isAlive)).toBe(true);

    owner.kill('SIGKILL');
    // SIGTERM ends both at once, long before the grace period is over
    await waitUntil(() => !pids.some(isAlive), 1500);
  });

  it('follows up with SIGKILL when a step ignores SIGTERM', async () => {
    const pidFile = join(directory, 'pids');
    const { owner, started } = startOwner(
      `trap '' TERM; echo $$ >> ${pidFile}; while :; do sleep 0.1; done`,
      500,
    );
    await waitUntil(
      async () => started() && (await readPids(pidFile)).length === 1,
    );
    const [pid] = await readPids(pidFile);
    strays.push(pid);

    const killedAt = Date.now();
    owner.kill('SIGKILL');
    await new Promise(resolve => setTimeout(resolve, 250));
    expect(isAlive(pid)).toBe(true);
    await waitUntil(() => !isAlive(pid), 5000);
    expect(Date.now() - killedAt).toBeGreaterThanOrEqual(500);
  });

  it('leaves alone the groups it was told have ended', async () => {
    const reaper = new OrphanReaper({ graceMs: 100 });
    const kept = startGroup();
    const ended = startGroup();
    reaper.track(kept);
    reaper.track(ended);
    reaper.untrack(kept);
    const helper = reaper.helperPid!;
    reaper.close();

    await waitUntil(() => !isAlive(ended));
    await waitUntil(() => !isAlive(helper));
    expect(isAlive(kept)).toBe(true);
  });

  it('starts a new helper that knows every running group when one dies', async () => {
    const reaper = new OrphanReaper({ graceMs: 100 });
    const group = startGroup();
    reaper.track(group);
    const first = reaper.helperPid!;
    // a replacement comes only for a helper that ran a while
    await new Promise(resolve => setTimeout(resolve, 1100));
    process.kill(first, 'SIGKILL');
    await waitUntil(
      () => reaper.helperPid !== undefined && reaper.helperPid !== first,
    );
    expect(isAlive(group)).toBe(true);

    reaper.close();
    await waitUntil(() => !isAlive(group));
  });

  it('ends its helper, and starts none again, once closed', async () => {
    const reaper = new OrphanReaper({ graceMs: 100 });
    const helper = reaper.helperPid!;
    expect(isAlive(helper)).toBe(true);
    reaper.close();
    await waitUntil(() => !isAlive(helper));
    reaper.track(startGroup());
    expect(reaper.helperPid).toBeUndefined();
  });
});
