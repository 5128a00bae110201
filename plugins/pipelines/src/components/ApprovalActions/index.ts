export { ApprovalActions } from './ApprovalActions';
export type { ApprovalActionsProps } from './ApprovalActions';
