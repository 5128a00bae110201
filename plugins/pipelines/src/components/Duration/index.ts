export { Duration, isRunning } from './Duration';
export type { Timed } from './Duration';
