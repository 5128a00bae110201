export type { StepOutputSink, StepResult, StepSpec } from './types';
export { LocalExecutor } from './LocalExecutor';
export { GitWorkspace } from './GitWorkspace';
export { collectFiles } from './collectFiles';
