import { readFile, readdir } from 'node:fs/promises';

const POLL_INTERVAL_MS = 50;

/** How long to wait for the group to vanish after SIGKILL. */
const KILL_WAIT_MS = 2000;

function sleep(ms: number) {
  return new Promise(resolve => setTimeout(resolve, ms));
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/**
 * Reads the process group and state of a process from `/proc/<pid>/stat`.
 * The command name in parentheses may contain spaces, so the fields are
 * taken after its closing parenthesis.
 */
function parseStat(stat: string): { state: string; pgrp: number } {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { state: fields[0], pgrp: Number(fields[2]) };
}

/**
 * A process group on this machine: the processes of a step, started with
 * `detached: true` so that the shell leads a group of its own.
 */
export class ProcessGroup {
  readonly #pgid: number;

  static of(pgid: number): ProcessGroup {
    if (!Number.isInteger(pgid) || pgid <= 1) {
      throw new Error(`Invalid process group id ${pgid}`);
    }
    return new ProcessGroup(pgid);
  }

  private constructor(pgid: number) {
    this.#pgid = pgid;
  }

  get id(): number {
    return this.#pgid;
  }

  /**
   * Whether any live process remains in the group. Zombies do not count:
   * where PID 1 does not reap orphans they linger after death, and signals
   * to the group still "succeed" because of them.
   */
  async isAlive(): Promise<boolean> {
    let entries: string[];
    try {
      entries = await readdir('/proc');
    } catch {
      return this.#signal(0);
    }
    for (const entry of entries) {
      if (!/^\d+$/.test(entry)) {
        continue;
      }
      try {
        const { state, pgrp } = parseStat(
          await readFile(`/proc/${entry}/stat`, 'utf8'),
        );
        if (pgrp === this.#pgid && state !== 'Z' && state !== 'X') {
          return true;
        }
      } catch {
        // The process ended while the list was read.
      }
    }
    return false;
  }

  /**
   * Sends SIGTERM to every process of the group, then SIGKILL to whatever
   * is left after the grace period, and waits until none is left (at most
   * a short while after SIGKILL).
   *
   * @remarks
   *
   * A group with no process at all, the usual case once a step's shell has
   * ended and taken its children with it, is recognised by one signal 0
   * (ESRCH); only a group that still answers is scanned in `/proc`, to tell
   * live processes from zombies.
   */
  async terminate(graceMs: number): Promise<void> {
    if (!this.#signal(0) || !(await this.isAlive())) {
      return;
    }
    this.#signal('SIGTERM');
    if (await this.#waitForEnd(graceMs)) {
      return;
    }
    this.#signal('SIGKILL');
    await this.#waitForEnd(KILL_WAIT_MS);
  }

  async #waitForEnd(ms: number): Promise<boolean> {
    const deadline = Date.now() + ms;
    for (;;) {
      if (!(await this.isAlive())) {
        return true;
      }
      if (Date.now() >= deadline) {
        return false;
      }
      await sleep(Math.min(POLL_INTERVAL_MS, deadline - Date.now()));
    }
  }

  /** Signals the group; false when no process of it exists any more. */
  #signal(signal: NodeJS.Signals | 0): boolean {
    try {
      process.kill(-this.#pgid, signal);
      return true;
    } catch (error) {
      if (errorCode(error) === 'ESRCH') {
        return false;
      }
      throw error;
    }
  }
}
