export { RunPipelineDialog, requestedText } from './RunPipelineDialog';
export type { RunPipelineDialogProps } from './RunPipelineDialog';
