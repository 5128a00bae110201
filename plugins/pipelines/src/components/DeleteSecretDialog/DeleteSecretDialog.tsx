import { ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { pipelinesApiRef } from '../../api/PipelinesApi';

export interface DeleteSecretDialogProps {
  name: string;
  /** Absent for a global secret. */
  entityRef?: string;
  onClose(): void;
  onDeleted(name: string): void;
}

/** Asks before deleting a secret, then deletes it. */
export function DeleteSecretDialog(props: DeleteSecretDialogProps) {
  const { name, entityRef, onClose, onDeleted } = props;
  const pipelinesApi = useApi(pipelinesApiRef);
  const [state, remove] = useAsyncFn(async () => {
    await pipelinesApi.deleteSecret(name, entityRef);
    onDeleted(name);
  }, [pipelinesApi, name, entityRef, onDeleted]);

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="xs">
      <DialogTitle>Delete {name}?</DialogTitle>
      <DialogContent>
        <DialogContentText>
          {entityRef
            ? 'Jobs of this component that list it under secrets: will get the global secret of the same name if there is one, and otherwise run without it.'
            : 'Jobs that list it under secrets: will run without it, unless their component has a secret of the same name.'}{' '}
          This cannot be undone.
        </DialogContentText>
        {state.error && (
          <ResponseErrorPanel
            error={state.error}
            title="Could not delete the secret"
          />
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={state.loading}>
          Cancel
        </Button>
        <Button
          color="secondary"
          variant="contained"
          onClick={() => remove()}
          disabled={state.loading}
        >
          Delete
        </Button>
      </DialogActions>
    </Dialog>
  );
}
