/*
 * Runs one step with the local executor in a process of its own, for the
 * orphan reaper tests: the step is the first argument, its working
 * directory the second, the kill grace period the third. It prints
 * "started" once the step runs; the test kills it while the step runs.
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { LocalExecutor } from '../LocalExecutor';

// jest's mocks do not exist outside jest
const quiet: LoggerService = {
  error: () => {},
  warn: () => {},
  info: () => {},
  debug: () => {},
  child: () => quiet,
};

const [command, cwd, graceMs] = process.argv.slice(2);
const executor = LocalExecutor.create({
  logger: quiet,
  killGraceMs: Number(graceMs),
});
const ended = executor.runStep(
  { command, cwd, shell: 'sh', env: {} },
  { write: () => {} },
  new AbortController().signal,
);
// runStep spawns the step and hands its group to the reaper before it
// returns: from here on, killing this process must end the step
process.stdout.write('started\n');
ended.then(result => process.stdout.write(`ended ${JSON.stringify(result)}\n`));
