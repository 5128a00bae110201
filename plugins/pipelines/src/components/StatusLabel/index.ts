export { StatusLabel, statusText } from './StatusLabel';
export type { AnyStatus, StatusLabelProps } from './StatusLabel';
