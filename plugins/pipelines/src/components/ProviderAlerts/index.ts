export { ProviderAlerts, outageText } from './ProviderAlerts';
export type { ProviderAlertsProps } from './ProviderAlerts';
