import type { LogLine } from '@golive/plugin-pipelines-common';
import type { JobRecord } from '../database/types';
import type { LogReader } from '../service/logsRouter';

const EXCERPT_LINES = 40;
const PAGE = 5000;
// a failed step's log is read to its end; beyond this its tail is not looked for
const MAX_SCANNED_LINES = 200000;
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;?]*[A-Za-z]`, 'g');

export type LogExcerpt = {
  jobId: string;
  jobName: string;
  stepName?: string;
  /** Why these lines: the tail of the failed step, or lines that match. */
  source: 'failed-step' | 'matching-lines' | 'none';
  lines: Array<{ seq: number; text: string }>;
};

/**
 * The lines of a job that most likely explain its failure: the last lines
 * of its first failed step, else the first lines that mention an error or
 * a failure.
 */
export async function findLogExcerpt(
  job: JobRecord,
  logs: LogReader,
): Promise<LogExcerpt> {
  const base = { jobId: job.id, jobName: job.name };
  const step = job.steps.find(s => s.status === 'failed');
  if (step) {
    const lines = await readTail(job.id, step.index, logs);
    return { ...base, stepName: step.name, source: 'failed-step', lines };
  }

  const matches = new Map<number, LogLine>();
  for (const search of ['error', 'fail']) {
    for (const line of await logs.read(job.id, { search, limit: PAGE })) {
      matches.set(line.seq, line);
    }
  }
  const lines = [...matches.values()]
    .sort((a, b) => a.seq - b.seq)
    .slice(0, EXCERPT_LINES)
    .map(plain);
  return { ...base, source: lines.length ? 'matching-lines' : 'none', lines };
}

async function readTail(jobId: string, step: number, logs: LogReader) {
  let tail: LogLine[] = [];
  let after = 0;
  for (let scanned = 0; scanned < MAX_SCANNED_LINES; scanned += PAGE) {
    const page = await logs.read(jobId, { step, after, limit: PAGE });
    tail = [...tail, ...page].slice(-EXCERPT_LINES);
    if (page.length < PAGE) break;
    after = page[page.length - 1].seq;
  }
  return tail.map(plain);
}

function plain(line: LogLine) {
  return { seq: line.seq, text: line.text.replace(ANSI, '') };
}
