export type {
  ConditionContext,
  PipelineFile,
  PipelineJob,
  PipelineMatrix,
  PipelineStep,
  PipelineTriggers,
  PlannedJob,
} from './types';
export { MAX_JOBS_PER_RUN, MAX_PIPELINE_FILE_BYTES } from './limits';
export { parsePipelineFile } from './parsePipelineFile';
export { pipelineJsonSchema } from './pipelineJsonSchema';
export { expandJobs } from './expandJobs';
export { evaluateCondition } from './evaluateCondition';
export { checkCondition } from './checkCondition';
export { matchesTrigger } from './matchesTrigger';
export { resolveInputs } from './resolveInputs';
export { EXAMPLE_PIPELINE_YAML } from './examplePipelineYaml';
