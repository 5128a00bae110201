import { ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import { FormEvent, useState } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { pipelinesApiRef } from '../../api/PipelinesApi';

export interface SecretDialogProps {
  /** Absent for a global secret. */
  entityRef?: string;
  /** The secret to replace; absent to add a new one. */
  name?: string;
  /** Names already taken, refused when adding. */
  existingNames?: string[];
  onClose(): void;
  onSaved(name: string): void;
}

// The same rules as the backend, so that a bad name never leaves the browser.
const NAME_PATTERN = /^[A-Z_][A-Z0-9_]*$/;
const MAX_NAME_LENGTH = 128;
const MAX_VALUE_LENGTH = 65536;

function nameProblem(name: string, existing: string[]): string | undefined {
  if (!name) {
    return 'Required';
  }
  if (!NAME_PATTERN.test(name)) {
    return 'Use upper-case letters, digits and underscores, not starting with a digit, like API_TOKEN';
  }
  if (name.length > MAX_NAME_LENGTH) {
    return `At most ${MAX_NAME_LENGTH} characters`;
  }
  if (existing.includes(name)) {
    return 'A secret with this name exists; replace it instead';
  }
  return undefined;
}

function valueProblem(value: string): string | undefined {
  if (!value) {
    return 'Required';
  }
  if (value.length > MAX_VALUE_LENGTH) {
    return `At most ${MAX_VALUE_LENGTH} characters`;
  }
  return undefined;
}

/** Adds a secret, or replaces the value of one; values are never shown. */
export function SecretDialog(props: SecretDialogProps) {
  const { entityRef, existingNames = [], onClose, onSaved } = props;
  const replacing = props.name !== undefined;
  const pipelinesApi = useApi(pipelinesApiRef);
  const [name, setName] = useState(props.name ?? '');
  const [value, setValue] = useState('');
  const [touched, setTouched] = useState(false);

  const problems = {
    name: replacing ? undefined : nameProblem(name, existingNames),
    value: valueProblem(value),
  };

  const [state, save] = useAsyncFn(async () => {
    await pipelinesApi.putSecret(name, value, entityRef);
    // The value stays in memory no longer than needed.
    setValue('');
    onSaved(name);
  }, [pipelinesApi, name, value, entityRef, onSaved]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!problems.name && !problems.value) {
      save();
    }
  };

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm">
      <form onSubmit={submit} noValidate>
        <DialogTitle>
          {replacing ? `Replace ${name}` : 'Add secret'}
        </DialogTitle>
        <DialogContent>
          <DialogContentText>
            {replacing
              ? 'The new value takes effect for jobs that start from now on. The old value cannot be shown.'
              : 'Jobs that list this name under secrets: receive the value as an environment variable. It cannot be read back once saved.'}
          </DialogContentText>
          <TextField
            id="secret-name"
            label="Name"
            required
            disabled={replacing}
            error={touched && !!problems.name}
            helperText={
              (touched && problems.name) ||
              'The environment variable name, for example API_TOKEN'
            }
            value={name}
            onChange={e => setName(e.target.value.trim())}
            inputProps={{ spellCheck: false }}
            fullWidth
            margin="normal"
          />
          <TextField
            id="secret-value"
            label="Value"
            type="password"
            autoComplete="new-password"
            required
            error={touched && !!problems.value}
            helperText={
              (touched && problems.value) ||
              'Write-only: nobody can read it back, not even you'
            }
            value={value}
            onChange={e => setValue(e.target.value)}
            fullWidth
            margin="normal"
          />
          {state.error && (
            <ResponseErrorPanel
              error={state.error}
              title="Could not save the secret"
            />
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={state.loading}>
            Cancel
          </Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={state.loading}
          >
            {replacing ? 'Replace' : 'Add'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
