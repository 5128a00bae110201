import type { PipelineProblem } from '../api/types';
import { checkJobGraph } from './checkJobGraph';
import { describeSchemaIssues } from './describeSchemaIssues';
import { planJobs } from './expandJobs';
import { MAX_PIPELINE_FILE_BYTES, MAX_PROBLEMS } from './limits';
import { pipelineFileSchema } from './pipelineFileSchema';
import type { PipelineIssue } from './pipelineIssue';
import { readYamlDocument } from './readYamlDocument';
import { toPipelineFile } from './toPipelineFile';
import type { PipelineFile } from './types';

function isLarger(content: string, bytes: number): boolean {
  // Every UTF-16 code unit is at least one UTF-8 byte.
  return (
    content.length > bytes || new TextEncoder().encode(content).length > bytes
  );
}

function jobsOf(value: unknown): unknown {
  return typeof value === 'object' && value !== null
    ? (value as { jobs?: unknown }).jobs
    : undefined;
}

/** Sorts problems by position and keeps the first {@link MAX_PROBLEMS}. */
function limit(problems: PipelineProblem[], total: number): PipelineProblem[] {
  const sorted = problems
    .sort(
      (a, b) =>
        (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
    )
    .slice(0, MAX_PROBLEMS);
  if (total > MAX_PROBLEMS) {
    sorted.push({
      message: `Only the first ${MAX_PROBLEMS} of ${total} problems are shown`,
    });
  }
  return sorted;
}

/**
 * Parses and validates the text of a pipeline file
 * (`.golive/pipeline.yaml`). It never throws on what the file holds.
 *
 * Every problem found is reported, with its line and column wherever the
 * file has a node for it, sorted by position: YAML syntax, duplicate keys,
 * alias bombs and nesting deeper than 64 levels, unknown fields, wrong
 * types and missing fields, invalid cron and `if` expressions, unknown or
 * cyclic `needs`, and runs of more than {@link MAX_JOBS_PER_RUN} jobs. A
 * file over {@link MAX_PIPELINE_FILE_BYTES} is refused before parsing.
 *
 * @returns the pipeline with defaults applied when there is no problem;
 *   otherwise no pipeline and at least one problem.
 * @public
 */
export function parsePipelineFile(content: string): {
  pipeline?: PipelineFile;
  problems: PipelineProblem[];
} {
  try {
    return parse(content);
  } catch (error) {
    // A last line of defence for the promise never to throw on a file.
    const message = `The pipeline file could not be checked: ${error}`;
    return { problems: [{ message }] };
  }
}

function parse(content: string): {
  pipeline?: PipelineFile;
  problems: PipelineProblem[];
} {
  if (isLarger(content, MAX_PIPELINE_FILE_BYTES)) {
    const message = `The file is larger than ${MAX_PIPELINE_FILE_BYTES} bytes (1 MiB), the most a pipeline file may have`;
    return { problems: [{ message }] };
  }
  // The yaml parser needs over a second for a 1 MiB file of tiny keys
  // (typical files take milliseconds): the pipelines backend reads larger
  // files on a worker thread (parsePipelineOffThread).
  const read = readYamlDocument(content);
  if (!read.document) {
    return { problems: limit(read.problems, read.problems.length) };
  }

  const { value, locate } = read.document;
  const parsed = pipelineFileSchema.safeParse(value);
  const issues: PipelineIssue[] = parsed.success
    ? []
    : describeSchemaIssues(parsed.error.issues, value);
  issues.push(...checkJobGraph(jobsOf(value)));

  let pipeline: PipelineFile | undefined;
  if (parsed.success && issues.length === 0) {
    pipeline = toPipelineFile(parsed.data);
    issues.push(...planJobs(pipeline).issues);
  }

  const problems = limit(
    [...read.problems, ...issues.slice(0, MAX_PROBLEMS).map(locate)],
    read.problems.length + issues.length,
  );
  return problems.length > 0 ? { problems } : { pipeline, problems };
}
