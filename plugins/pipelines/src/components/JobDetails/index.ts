export { JobDetails } from './JobDetails';
export type { JobDetailsProps } from './JobDetails';
