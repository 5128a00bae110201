export { EntityRunsContent } from './EntityRunsContent';
