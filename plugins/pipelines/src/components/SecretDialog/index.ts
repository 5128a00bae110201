export { SecretDialog } from './SecretDialog';
export type { SecretDialogProps } from './SecretDialog';
