export { LogSearch } from './LogSearch';
export type { LogSearchProps } from './LogSearch';
