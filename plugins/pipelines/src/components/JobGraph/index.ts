export { JobGraph, statusColor } from './JobGraph';
export type { JobGraphProps } from './JobGraph';
