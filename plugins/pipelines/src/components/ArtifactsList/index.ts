export { ArtifactsList, formatSize } from './ArtifactsList';
export type { ArtifactsListProps } from './ArtifactsList';
