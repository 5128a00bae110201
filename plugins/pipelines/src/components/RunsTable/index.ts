export { RunsTable } from './RunsTable';
export type { RunsTableProps } from './RunsTable';
