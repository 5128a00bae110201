import { spawn } from 'node:child_process';
import { dirname, resolve as resolvePath } from 'node:path';

const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;
const DEFAULT_MAX_OUTPUT_BYTES = 16 * 1024 * 1024;

/** Variables that would point git at another repository than intended. */
const REPOSITORY_VARIABLES = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_COMMON_DIR',
  'GIT_NAMESPACE',
];

/** A git command that ended with a non-zero exit code. */
export class GitCommandError extends Error {
  readonly exitCode: number | null;
  readonly stderr: string;

  constructor(command: string, exitCode: number | null, stderr: string) {
    super(`git ${command} failed: ${stderr.trim() || `exit code ${exitCode}`}`);
    this.name = 'GitCommandError';
    this.exitCode = exitCode;
    this.stderr = stderr;
  }
}

function gitEnvironment(cwd: string | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  REPOSITORY_VARIABLES.forEach(name => delete env[name]);
  return {
    ...env,
    GIT_TERMINAL_PROMPT: '0',
    LC_ALL: 'C',
    // The working directory is the repository; never one of its parents.
    ...(cwd ? { GIT_CEILING_DIRECTORIES: dirname(resolvePath(cwd)) } : {}),
  };
}

/** The subcommand, past the global options `-c name=value` and `-C dir`. */
function subcommandOf(args: string[]): string {
  for (let i = 0; i < args.length; i += 1) {
    if (args[i] === '-c' || args[i] === '-C') {
      i += 1;
    } else if (!args[i].startsWith('-')) {
      return args[i];
    }
  }
  return 'command';
}

/**
 * Runs git without a shell and returns its standard output. Git runs in the
 * backend's environment (proxies, credential helpers), never in a step's,
 * and takes `cwd` as the repository without searching its parents.
 */
export function runGit(
  args: string[],
  options: {
    cwd?: string;
    timeoutMs?: number;
    maxOutputBytes?: number;
    /** More variables, such as credentials as `GIT_CONFIG_*` entries. */
    env?: Record<string, string>;
    /** Written to git's standard input, which is closed afterwards. */
    input?: string;
  } = {},
): Promise<Buffer> {
  const maxOutputBytes = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  const command = subcommandOf(args);

  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
      cwd: options.cwd,
      env: { ...gitEnvironment(options.cwd), ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      killSignal: 'SIGKILL',
    });
    // a git that ended early closes its end; its exit code tells why
    child.stdin.on('error', () => {});
    child.stdin.end(options.input);
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    let stderr = '';
    let failure: Error | undefined;

    child.stdout.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes > maxOutputBytes) {
        failure ??= new Error(
          `git ${command} wrote more than ${maxOutputBytes} bytes`,
        );
        child.kill('SIGKILL');
        return;
      }
      stdout.push(chunk);
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      // The last few KiB say what went wrong.
      stderr = (stderr + chunk).slice(-8192);
    });
    child.on('error', error => {
      failure ??= error;
    });
    child.on('close', (code, signal) => {
      if (failure) {
        reject(failure);
      } else if (code === 0) {
        resolve(Buffer.concat(stdout));
      } else {
        const reason = signal ? `${stderr}\nended by ${signal}` : stderr;
        reject(new GitCommandError(command, code, reason));
      }
    });
  });
}
