export { RunHeader } from './RunHeader';
export type { RunHeaderProps } from './RunHeader';
