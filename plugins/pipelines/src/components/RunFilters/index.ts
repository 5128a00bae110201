export { GOLIVE_PROVIDER, RunFilters } from './RunFilters';
export type { RunFilterValues, RunFiltersProps } from './RunFilters';
