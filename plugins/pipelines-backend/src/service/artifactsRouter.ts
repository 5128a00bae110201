import { NotFoundError } from '@backstage/errors';
import type { ArtifactStore } from '@golive/platform-node';
import { pipelinesRunReadPermission } from '@golive/plugin-pipelines-common';
import Router from 'express-promise-router';
import { posix } from 'node:path';
import type { DatabaseJobStore } from '../database/DatabaseJobStore';
import type { RouteContext } from './RouteContext';

/** Lists and serves the artifacts of a run. */
export function artifactsRouter(options: {
  ctx: RouteContext;
  jobs: DatabaseJobStore;
  artifacts: ArtifactStore;
}) {
  const { ctx, jobs, artifacts } = options;
  const router = Router();

  router.get('/runs/:runId/artifacts', async (req, res) => {
    const credentials = await ctx.credentials(req);
    const run = await ctx.runFor(
      req.params.runId,
      pipelinesRunReadPermission,
      credentials,
    );
    const items = await jobs.listArtifacts(run.id);
    res.json({ items: items.map(({ storageName: _s, ...item }) => item) });
  });

  router.get('/runs/:runId/artifacts/:artifactId', async (req, res) => {
    const credentials = await ctx.credentials(req);
    const run = await ctx.runFor(
      req.params.runId,
      pipelinesRunReadPermission,
      credentials,
    );
    const artifact = (await jobs.listArtifacts(run.id)).find(
      a => a.id === req.params.artifactId,
    );
    if (!artifact) {
      throw new NotFoundError(`Artifact "${req.params.artifactId}" not found`);
    }
    const stream = await artifacts.get(artifact.storageName);
    // served as a download, never rendered by the browser
    res.setHeader('content-type', 'application/octet-stream');
    res.setHeader('x-content-type-options', 'nosniff');
    res.attachment(posix.basename(artifact.path));
    stream.on('error', error => res.destroy(error));
    stream.pipe(res);
  });

  return router;
}
