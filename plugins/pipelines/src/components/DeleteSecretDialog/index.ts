export { DeleteSecretDialog } from './DeleteSecretDialog';
export type { DeleteSecretDialogProps } from './DeleteSecretDialog';
