export { ProviderBadge } from './ProviderBadge';
export type { ProviderBadgeProps } from './ProviderBadge';
