export { StepLog } from './StepLog';
export type { StepLogProps } from './StepLog';
