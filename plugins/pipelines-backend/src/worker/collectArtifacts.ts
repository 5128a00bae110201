import type { ArtifactStore } from '@golive/platform-node';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatabaseJobStore } from '../database/DatabaseJobStore';
import type { JobDefinition } from '../database/types';
import type { FileCollector } from '../service/types';

/**
 * Copies a job's artifacts and reports from its workspace to the artifact
 * store under `runs/<runId>/jobs/<jobId>/`, one row per file.
 */
export async function collectArtifacts(options: {
  directory: string;
  runId: string;
  jobId: string;
  attempt: number;
  definition: JobDefinition;
  collectFiles: FileCollector;
  artifacts: ArtifactStore;
  jobs: DatabaseJobStore;
}): Promise<string[]> {
  const { definition } = options;
  const groups: Array<{ kind: 'artifact' | 'report'; globs: string[] }> = [
    {
      kind: 'report',
      globs: [...definition.reports.junit, ...definition.reports.playwright],
    },
    { kind: 'artifact', globs: definition.artifacts },
  ];
  const seen = new Set<string>();
  const stored: string[] = [];
  for (const { kind, globs } of groups) {
    if (!globs.length) continue;
    for (const path of await options.collectFiles(options.directory, globs)) {
      if (seen.has(path)) continue;
      seen.add(path);
      const file = join(options.directory, path);
      const info = await stat(file);
      if (!info.isFile()) continue;
      const storageName = `runs/${options.runId}/jobs/${options.jobId}/${path}`;
      const saved = await options.artifacts.put(
        storageName,
        createReadStream(file),
      );
      await options.jobs.addArtifact({
        runId: options.runId,
        jobId: options.jobId,
        attempt: options.attempt,
        path,
        kind,
        size: saved.size,
        storageName,
      });
      stored.push(path);
    }
  }
  return stored;
}
