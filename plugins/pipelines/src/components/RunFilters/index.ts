export { RunFilters } from './RunFilters';
export type { RunFilterValues, RunFiltersProps } from './RunFilters';
