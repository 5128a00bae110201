import { LoggerService } from '@backstage/backend-plugin-api';
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname } from 'node:path';
import { Readable } from 'node:stream';
import { OrphanReaper } from './OrphanReaper';
import { ProcessGroup } from './ProcessGroup';
import { StepOutputSink, StepResult, StepSpec } from './types';

const DEFAULT_KILL_GRACE_MS = 3000;

/** How long output may keep flowing after the step's processes are gone. */
const OUTPUT_DRAIN_MS = 1000;

const SYSTEM_PATH = [
  '/usr/local/sbin',
  '/usr/local/bin',
  '/usr/sbin',
  '/usr/bin',
  '/sbin',
  '/bin',
];

const SHELL_ARGS: Record<StepSpec['shell'], string[]> = {
  bash: ['--noprofile', '--norc', '-e', '-o', 'pipefail', '-c'],
  sh: ['-e', '-c'],
};

type StopReason = 'timeout' | 'cancel';

/**
 * Runs the steps of a job as child processes on this machine.
 *
 * @remarks
 *
 * Each step's shell leads a process group of its own; cancelling, a timeout
 * or the end of the shell kill the whole group (SIGTERM, then SIGKILL after
 * a grace period), so background processes of a step never outlive it. A
 * helper process ends the groups still running when the process that
 * started them dies (see {@link OrphanReaper}), so a worker killed with
 * SIGKILL leaves no step running behind it either. The step sees only its own environment plus a minimal `PATH`, `HOME` and
 * `LANG`, never the backend's variables.
 *
 * @public
 */
export class LocalExecutor {
  readonly #logger: LoggerService;
  readonly #killGraceMs: number;
  readonly #path: string;
  readonly #reaper: OrphanReaper;

  /**
   * Creates an executor. `killGraceMs` (default 3000) is the time between
   * SIGTERM and SIGKILL; `path` (default: the folder of this Node binary
   * and the usual system folders) is the `PATH` steps start with.
   */
  static create(options: {
    logger: LoggerService;
    killGraceMs?: number;
    path?: string;
  }): LocalExecutor {
    return new LocalExecutor(
      options.logger,
      options.killGraceMs ?? DEFAULT_KILL_GRACE_MS,
      options.path ??
        [...new Set([dirname(process.execPath), ...SYSTEM_PATH])].join(
          delimiter,
        ),
    );
  }

  private constructor(
    logger: LoggerService,
    killGraceMs: number,
    path: string,
  ) {
    this.#logger = logger.child({ component: 'local-executor' });
    this.#killGraceMs = killGraceMs;
    this.#path = path;
    this.#reaper = new OrphanReaper({ graceMs: killGraceMs });
  }

  /**
   * Runs one step and resolves once its processes are gone and its output
   * is read. Never rejects for a failing step: a missing working directory
   * or shell is reported on `stderr` with `exitCode` null.
   */
  async runStep(
    spec: StepSpec,
    output: StepOutputSink,
    signal: AbortSignal,
  ): Promise<StepResult> {
    const startedAt = performance.now();
    const finish = (
      outcome: Partial<StepResult> & Pick<StepResult, 'exitCode'>,
    ): StepResult => ({
      timedOut: false,
      cancelled: false,
      ...outcome,
      durationMs: Math.round(performance.now() - startedAt),
    });

    if (signal.aborted) {
      return finish({ exitCode: null, cancelled: true });
    }
    // one local stat: quicker on this thread than a trip to the pool
    const isDirectory =
      statSync(spec.cwd, { throwIfNoEntry: false })?.isDirectory() ?? false;
    if (!isDirectory) {
      output.write('stderr', `Working directory ${spec.cwd} does not exist\n`);
      return finish({ exitCode: null });
    }

    const outcome = await this.#spawn(spec, output, signal);
    return finish(outcome);
  }

  #spawn(
    spec: StepSpec,
    output: StepOutputSink,
    signal: AbortSignal,
  ): Promise<Omit<StepResult, 'durationMs'>> {
    // TODO(golive): a step runs as the backend's user, sees its home folder
    // and can escape the group with setsid; the local executor is no
    // sandbox, only the Kubernetes executor contains steps.
    const child = spawn(spec.shell, [...SHELL_ARGS[spec.shell], spec.command], {
      cwd: spec.cwd,
      env: {
        PATH: this.#path,
        HOME: homedir(),
        LANG: 'C.UTF-8',
        ...spec.env,
      },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const group = child.pid ? ProcessGroup.of(child.pid) : undefined;
    if (group) this.#reaper.track(group.id);
    this.#logger.debug('Step process started', { pid: child.pid });

    let stopReason: StopReason | undefined;
    let terminating: Promise<void> | undefined;
    const terminate = () => {
      terminating ??= (
        group?.terminate(this.#killGraceMs) ?? Promise.resolve()
      ).catch(error =>
        this.#logger.warn('Could not kill step process group', {
          pgid: group?.id,
          error: String(error),
        }),
      );
      return terminating;
    };
    const stop = (reason: StopReason) => {
      if (stopReason) {
        return;
      }
      stopReason = reason;
      this.#logger.debug('Killing step process group', {
        pgid: group?.id,
        reason,
      });
      void terminate();
    };

    const onAbort = () => stop('cancel');
    signal.addEventListener('abort', onAbort, { once: true });
    const timer =
      spec.timeoutMs !== undefined
        ? setTimeout(() => stop('timeout'), spec.timeoutMs)
        : undefined;

    const outputDone = Promise.all([
      pipeOutput(child.stdout, 'stdout', output),
      pipeOutput(child.stderr, 'stderr', output),
    ]);

    return new Promise(resolve => {
      let settled = false;
      const settle = async (exitCode: number | null, exitSignal?: string) => {
        if (settled) {
          return;
        }
        settled = true;
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        // Whatever the shell left running in its group goes with it.
        await terminate();
        if (group) this.#reaper.untrack(group.id);
        await drain(outputDone, [child.stdout, child.stderr]);
        resolve({
          exitCode,
          ...(exitSignal ? { signal: exitSignal } : {}),
          timedOut: stopReason === 'timeout',
          cancelled: stopReason === 'cancel',
        });
      };

      child.on('error', error => {
        if (child.pid === undefined) {
          output.write('stderr', `Could not start ${spec.shell}: ${error}\n`);
          void settle(null);
        }
      });
      child.once('exit', (code, exitSignal) => {
        void settle(code, exitSignal ?? undefined);
      });
    });
  }
}

function pipeOutput(
  stream: Readable,
  name: 'stdout' | 'stderr',
  output: StepOutputSink,
): Promise<void> {
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => output.write(name, chunk));
  return new Promise(resolve => {
    stream.once('close', resolve);
    stream.once('error', () => resolve());
  });
}

/**
 * Waits for the rest of the output. A process that left the group (a new
 * session) may still hold the pipes open; it is not waited for.
 */
async function drain(done: Promise<unknown>, streams: Readable[]) {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>(resolve => {
    timer = setTimeout(resolve, OUTPUT_DRAIN_MS);
  });
  await Promise.race([done, timeout]);
  clearTimeout(timer);
  streams.forEach(stream => stream.destroy());
}
