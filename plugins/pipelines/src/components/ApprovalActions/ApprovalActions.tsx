import { ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  pipelinesDeploymentApprovePermission,
  Run,
  RunJob,
} from '@golive/plugin-pipelines-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { Alert } from '@material-ui/lab';
import { useState } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { pipelinesApiRef } from '../../api/PipelinesApi';

export interface ApprovalActionsProps {
  run: Run;
  job: RunJob;
  onDecided(run: Run): void;
}

/** Approve or reject a deployment job that waits for approval. */
export function ApprovalActions(props: ApprovalActionsProps) {
  const { run, job, onDecided } = props;
  const pipelinesApi = useApi(pipelinesApiRef);
  const [comment, setComment] = useState('');
  const permission = usePermission({
    permission: pipelinesDeploymentApprovePermission,
    resourceRef: run.entityRef,
  });
  const [state, decide] = useAsyncFn(
    async (decision: 'approve' | 'reject') => {
      const next = await pipelinesApi.decideApproval(run.id, job.id, {
        decision,
        comment: comment.trim() || undefined,
      });
      onDecided(next);
      return next;
    },
    [pipelinesApi, run.id, job.id, comment, onDecided],
  );

  if (job.approval) {
    return (
      <Alert
        severity={job.approval.decision === 'approved' ? 'success' : 'error'}
      >
        {job.approval.decision === 'approved' ? 'Approved' : 'Rejected'} by{' '}
        {job.approval.actor}
        {job.approval.comment ? `: ${job.approval.comment}` : ''}
      </Alert>
    );
  }
  if (job.status !== 'waiting') {
    return null;
  }

  const disabled = state.loading || !permission.allowed;
  return (
    <Alert severity="warning" icon={false}>
      <Typography variant="subtitle2">
        Deployment to {job.environment ?? 'an environment'} waits for approval
      </Typography>
      {!permission.loading && !permission.allowed && (
        <Typography variant="body2">
          Only people allowed to approve deployments of this component can
          decide.
        </Typography>
      )}
      <Box display="flex" alignItems="flex-end" mt={1} style={{ gap: 8 }}>
        <TextField
          id={`approval-comment-${job.id}`}
          label="Comment"
          size="small"
          value={comment}
          onChange={e => setComment(e.target.value)}
          disabled={disabled}
        />
        <Button
          variant="contained"
          color="primary"
          disabled={disabled}
          onClick={() => decide('approve')}
        >
          Approve
        </Button>
        <Button
          variant="outlined"
          disabled={disabled}
          onClick={() => decide('reject')}
        >
          Reject
        </Button>
      </Box>
      {state.error && (
        <ResponseErrorPanel
          error={state.error}
          title="Could not record the decision"
        />
      )}
    </Alert>
  );
}
