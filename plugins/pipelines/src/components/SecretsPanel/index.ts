export { SecretsPanel } from './SecretsPanel';
export type { SecretsPanelProps } from './SecretsPanel';
