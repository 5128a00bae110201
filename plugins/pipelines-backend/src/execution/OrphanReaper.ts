import { ChildProcess, spawn } from 'node:child_process';

/**
 * The helper's program. It reads `+<pgid>` and `-<pgid>` lines while its
 * owner lives; once the pipe closes, the groups still listed get SIGTERM,
 * then SIGKILL after the grace period (`$1`, in seconds). dash's `kill`
 * takes only numeric signals before a negative process id.
 */
const HELPER_SCRIPT = `
groups=
while IFS= read -r line; do
  case $line in
    +*) groups="$groups \${line#+}" ;;
    -*)
      kept=
      for g in $groups; do [ "$g" = "\${line#-}" ] || kept="$kept $g"; done
      groups=$kept
      ;;
  esac
done
[ -n "$groups" ] || exit 0
for g in $groups; do kill -15 "-$g" 2>/dev/null; done
sleep "$1"
for g in $groups; do kill -9 "-$g" 2>/dev/null; done
exit 0
`;

/**
 * Ends the step processes that the process running them leaves behind when
 * it dies without cleaning up, SIGKILL and crashes included.
 *
 * @remarks
 *
 * A small shell, started once and in a process group of its own, holds the
 * read end of a pipe from this process and is told each step's process
 * group as it starts and ends. Only the kernel closing the pipe, which
 * happens however this process ends, makes the shell act: it signals the
 * groups still running (SIGTERM, then SIGKILL after the grace period) and
 * exits. A group whose owner dies in the instant between its spawn and
 * `track` (a synchronous write) can still escape; a step that moves itself
 * to a new session always can (the local executor is no sandbox).
 */
export class OrphanReaper {
  readonly #graceSeconds: string;
  readonly #tracked = new Set<number>();
  #helper: ChildProcess | undefined;
  #closed = false;

  /**
   * Starts the helper at once: started only with the first step, it could
   * still be on its way when its owner died in that step's first moments.
   */
  constructor(options: { graceMs: number }) {
    this.#graceSeconds = (Math.max(0, options.graceMs) / 1000).toFixed(3);
    this.#start();
  }

  /** Process id of the helper shell while one runs. */
  get helperPid(): number | undefined {
    return this.#helper?.pid;
  }

  /** Hands a step's process group to the helper. */
  track(pgid: number): void {
    if (this.#closed) return;
    this.#tracked.add(pgid);
    this.#send(`+${pgid}\n`);
  }

  /** Takes a group back once the executor has seen it end. */
  untrack(pgid: number): void {
    if (!this.#tracked.delete(pgid)) return;
    this.#send(`-${pgid}\n`);
  }

  /**
   * Closes the pipe, so that the helper ends the groups still tracked, as it
   * would after this process died.
   */
  close(): void {
    this.#closed = true;
    this.#tracked.clear();
    this.#helper?.stdin?.end();
    this.#helper = undefined;
  }

  #send(line: string) {
    if (this.#helper) {
      this.#helper.stdin?.write(line);
    } else {
      // a new helper learns every tracked group, this line's included
      this.#start();
    }
  }

  #start(): ChildProcess {
    const startedAt = Date.now();
    const helper = spawn(
      '/bin/sh',
      ['-c', HELPER_SCRIPT, 'golive-orphan-reaper', this.#graceSeconds],
      { detached: true, stdio: ['pipe', 'ignore', 'ignore'] },
    );
    this.#helper = helper;
    // neither the helper nor its pipe may keep this process alive
    helper.unref();
    (helper.stdin as unknown as { unref?: () => void }).unref?.();
    const lines = [...this.#tracked].map(pgid => `+${pgid}\n`).join('');
    if (lines) helper.stdin?.write(lines);

    const forget = (restart: boolean) => {
      if (this.#helper !== helper) return;
      this.#helper = undefined;
      // a helper that ran a while and died (killed by hand, say) is
      // replaced at once; one that cannot start is tried again by the next
      // step rather than in a loop
      if (restart && !this.#closed && Date.now() - startedAt >= 1000) {
        this.#start();
      }
    };
    helper.stdin?.on('error', () => forget(true));
    helper.once('exit', () => forget(true));
    helper.once('error', () => forget(false));
    return helper;
  }
}
