export type { ArtifactInfo, ArtifactStore } from './ArtifactStore';
export { LocalArtifactStore } from './LocalArtifactStore';
export { artifactStoreServiceRef } from './artifactStoreServiceRef';
export { resolveDataDirectory } from './resolveDataDirectory';
