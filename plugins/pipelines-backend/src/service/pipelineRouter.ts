import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  pipelineJsonSchema,
  pipelinesRunReadPermission,
} from '@golive/plugin-pipelines-common';
import Router from 'express-promise-router';
import { parsePipelineOffThread } from '../planner/parsePipelineOffThread';
import type { RunPlanner } from '../planner/RunPlanner';
import { parseInput, validateBody } from './parseInput';
import type { RouteContext } from './RouteContext';
import { z } from 'zod';

const refQuery = z.object({ ref: z.string().min(1).max(255).optional() });

/** Routes about pipeline files: schema, validation, an entity's inputs. */
export function pipelineRouter(options: {
  ctx: RouteContext;
  planner: RunPlanner;
}) {
  const { ctx, planner } = options;
  const router = Router();

  router.get('/schema', async (_req, res) => {
    res.json(pipelineJsonSchema());
  });

  router.post('/validate', async (req, res) => {
    await ctx.credentials(req);
    const { content } = parseInput(validateBody, req.body, 'request body');
    const { problems } = await parsePipelineOffThread(content);
    res.json({ valid: problems.length === 0, problems });
  });

  router.get('/entities/:namespace/:kind/:name/pipeline', async (req, res) => {
    const credentials = await ctx.credentials(req);
    const { ref } = parseInput(refQuery, req.query, 'query');
    const entityRef = stringifyEntityRef({
      kind: req.params.kind,
      namespace: req.params.namespace,
      name: req.params.name,
    });
    await ctx.authorize(pipelinesRunReadPermission, entityRef, credentials);

    const loaded = await planner.loadPipeline({ entityRef, ref, credentials });
    res.json({
      name: loaded.pipeline.name,
      path: loaded.pipelinePath,
      inputs: loaded.pipeline.on.manual?.inputs ?? [],
    });
  });

  return router;
}
