import { mockServices } from '@backstage/backend-test-utils';
import { mkdtemp, readdir, readFile, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalExecutor } from './LocalExecutor';
import { StepSpec } from './types';
import { waitUntil } from '../__testUtils__/waitUntil';

/** Pids of the live (not zombie) processes of a process group. */
async function livingMembers(pgid: number): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid && fields[0] !== 'Z') {
        pids.push(Number(entry));
      }
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

function collect() {
  const output = { stdout: '', stderr: '' };
  return {
    output,
    sink: {
      write(stream: 'stdout' | 'stderr', chunk: string) {
        output[stream] += chunk;
      },
    },
  };
}

describe('LocalExecutor', () => {
  const executor = LocalExecutor.create({
    logger: mockServices.logger.mock(),
    killGraceMs: 500,
  });
  let cwd: string;

  const step = (command: string, extra?: Partial<StepSpec>): StepSpec => ({
    command,
    shell: 'bash',
    cwd,
    env: {},
    ...extra,
  });

  beforeAll(async () => {
    cwd = await realpath(await mkdtemp(join(tmpdir(), 'golive-executor-')));
  });

  afterAll(async () => {
    await rm(cwd, { recursive: true, force: true });
  });

  it('reports the exit code and keeps stdout and stderr apart', async () => {
    const { output, sink } = collect();
    const result = await executor.runStep(
      step('echo to-out; echo to-err >&2; exit 3'),
      sink,
      new AbortController().signal,
    );

    expect(result).toMatchObject({
      exitCode: 3,
      timedOut: false,
      cancelled: false,
    });
    expect(output).toEqual({ stdout: 'to-out\n', stderr: 'to-err\n' });
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('fails a bash pipeline whose first command fails', async () => {
    const result = await executor.runStep(
      step('false | true; echo unreachable'),
      collect().sink,
      new AbortController().signal,
    );
    expect(result.exitCode).toBe(1);
  });

  it('runs sh steps', async () => {
    const { output, sink } = collect();
    const result = await executor.runStep(
      step('echo "$0"', { shell: 'sh' }),
      sink,
      new AbortController().signal,
    );
    expect(result.exitCode).toBe(0);
    expect(output.stdout).toBe('sh\n');
  });

  it('gives the step only its own environment', async () => {
    process.env.GOLIVE_TEST_BACKEND_SECRET = 'backend-only';
    try {
      const { output, sink } = collect();
      const result = await executor.runStep(
        step('env', { env: { STEP_VALUE: 'from-step', LANG: 'C' } }),
        sink,
        new AbortController().signal,
      );

      expect(result.exitCode).toBe(0);
      expect(output.stdout).not.toContain('backend-only');
      const names = output.stdout
        .trim()
        .split('\n')
        .map(line => line.split('=')[0]);
      // bash itself adds PWD, SHLVL and _.
      expect(names.sort()).toEqual(
        ['HOME', 'LANG', 'PATH', 'PWD', 'SHLVL', 'STEP_VALUE', '_'].sort(),
      );
      expect(output.stdout).toContain('STEP_VALUE=from-step\n');
      expect(output.stdout).toContain('LANG=C\n');
    } finally {
      delete process.env.GOLIVE_TEST_BACKEND_SECRET;
    }
  });

  it('runs in the working directory', async () => {
    const { output, sink } = collect();
    await executor.runStep(step('pwd'), sink, new AbortController().signal);
    expect(output.stdout).toBe(`${cwd}\n`);
  });

  it('reports a missing working directory on stderr', async () => {
    const { output, sink } = collect();
    const result = await executor.runStep(
      step('true', { cwd: join(cwd, 'missing') }),
      sink,
      new AbortController().signal,
    );
    expect(result.exitCode).toBeNull();
    expect(output.stderr).toContain('does not exist');
  });

  it('does not start a step whose signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const { output, sink } = collect();
    const result = await executor.runStep(
      step('echo ran'),
      sink,
      controller.signal,
    );
    expect(result).toMatchObject({ exitCode: null, cancelled: true });
    expect(output.stdout).toBe('');
  });

  it.each([
    ['children that obey SIGTERM', 'sleep 100 & sleep 100 & echo "$$"; wait'],
    [
      'children that ignore SIGTERM',
      `trap '' TERM; sleep 100 & sleep 100 & echo "$$"; wait`,
    ],
  ])('kills the whole process group on cancel, %s', async (_, command) => {
    const controller = new AbortController();
    const { output, sink } = collect();
    const started = Date.now();
    const running = executor.runStep(step(command), sink, controller.signal);

    await waitUntil(() => output.stdout.includes('\n'));
    const pgid = Number(output.stdout.trim());
    expect((await livingMembers(pgid)).length).toBeGreaterThanOrEqual(3);
    controller.abort();
    const result = await running;

    expect(result.cancelled).toBe(true);
    expect(result.timedOut).toBe(false);
    expect(result.exitCode === 0).toBe(false);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await livingMembers(pgid)).toEqual([]);
  });

  it('kills the whole process group when the step times out', async () => {
    const { output, sink } = collect();
    const started = Date.now();
    const result = await executor.runStep(
      step('sleep 100 & echo "$$"; sleep 100; wait', { timeoutMs: 300 }),
      sink,
      new AbortController().signal,
    );

    expect(result).toMatchObject({ timedOut: true, cancelled: false });
    expect(result.signal).toBe('SIGTERM');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await livingMembers(Number(output.stdout.trim()))).toEqual([]);
  });

  it('kills background processes left behind when the shell exits', async () => {
    const { output, sink } = collect();
    const started = Date.now();
    const result = await executor.runStep(
      step('sleep 100 & echo "$$"'),
      sink,
      new AbortController().signal,
    );

    expect(result).toMatchObject({
      exitCode: 0,
      timedOut: false,
      cancelled: false,
    });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await livingMembers(Number(output.stdout.trim()))).toEqual([]);
  });

  it('passes multi-byte characters through whole', async () => {
    const { output, sink } = collect();
    await executor.runStep(
      step(`printf 'gr\\xc3'; sleep 0.1; printf '\\xbc\\xc3\\x9fe\\n'`),
      sink,
      new AbortController().signal,
    );
    expect(output.stdout).toBe('grüße\n');
  });
});
