import { ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { PipelineInput, Run } from '@golive/plugin-pipelines-common';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormHelperText from '@material-ui/core/FormHelperText';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { FormEvent, useState } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { EntityPipeline, pipelinesApiRef } from '../../api/PipelinesApi';
import { pipelineProblemsOf } from '../../utils/pipelineProblems';
import { ProblemList } from '../ProblemList';

export interface RunPipelineDialogProps {
  open: boolean;
  entityRef: string;
  pipeline: EntityPipeline;
  onClose(): void;
  onCreated(run: Run): void;
}

type Values = Record<string, string | boolean>;

function initialValues(inputs: PipelineInput[]): Values {
  const values: Values = {};
  for (const input of inputs) {
    if (input.type === 'boolean') {
      values[input.name] = input.default === true;
    } else {
      values[input.name] =
        input.default !== undefined ? String(input.default) : '';
    }
  }
  return values;
}

/** Starts a run of an entity's pipeline with its typed manual inputs. */
export function RunPipelineDialog(props: RunPipelineDialogProps) {
  const { open, entityRef, pipeline, onClose, onCreated } = props;
  const pipelinesApi = useApi(pipelinesApiRef);
  const [ref, setRef] = useState('');
  const [values, setValues] = useState(() => initialValues(pipeline.inputs));
  const [touched, setTouched] = useState(false);

  const missing = pipeline.inputs.filter(
    input => input.required && input.type !== 'boolean' && !values[input.name],
  );

  const [state, start] = useAsyncFn(async () => {
    const inputs: Values = {};
    for (const input of pipeline.inputs) {
      const value = values[input.name];
      // Empty optional fields are left out so the pipeline's defaults apply.
      if (value !== '') {
        inputs[input.name] = value;
      }
    }
    const run = await pipelinesApi.createRun({
      entityRef,
      ref: ref.trim() || undefined,
      inputs,
    });
    onCreated(run);
    return run;
  }, [pipelinesApi, entityRef, ref, values, pipeline, onCreated]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (missing.length === 0) {
      start();
    }
  };
  const problems = state.error ? pipelineProblemsOf(state.error) : undefined;

  const field = (input: PipelineInput) => {
    const value = values[input.name];
    const set = (next: string | boolean) =>
      setValues(v => ({ ...v, [input.name]: next }));
    if (input.type === 'boolean') {
      return (
        <div key={input.name}>
          <FormControlLabel
            label={input.name}
            control={
              <Checkbox
                checked={value === true}
                onChange={e => set(e.target.checked)}
              />
            }
          />
          {input.description && (
            <FormHelperText>{input.description}</FormHelperText>
          )}
        </div>
      );
    }
    const showMissing = touched && missing.includes(input);
    return (
      <TextField
        key={input.name}
        id={`run-input-${input.name}`}
        label={input.name}
        select={input.type === 'choice'}
        required={input.required}
        error={showMissing}
        helperText={showMissing ? 'Required' : input.description}
        value={value}
        onChange={e => set(e.target.value)}
        fullWidth
        margin="normal"
      >
        {(input.options ?? []).map(option => (
          <MenuItem key={option} value={option}>
            {option}
          </MenuItem>
        ))}
      </TextField>
    );
  };

  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm">
      <form onSubmit={submit} noValidate>
        <DialogTitle>Run {pipeline.name}</DialogTitle>
        <DialogContent>
          <TextField
            id="run-ref"
            label="Branch or tag"
            helperText="Leave empty for the repository's default branch"
            value={ref}
            onChange={e => setRef(e.target.value)}
            fullWidth
            margin="normal"
          />
          {pipeline.inputs.map(field)}
          {problems && (
            <>
              <Typography color="error" variant="subtitle2">
                {pipeline.path} is not valid, so no run was started
              </Typography>
              <ProblemList problems={problems} label="Pipeline problems" />
            </>
          )}
          {state.error && !problems && (
            <ResponseErrorPanel
              error={state.error}
              title="Could not start the run"
            />
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={state.loading}
          >
            {state.loading ? 'Starting…' : 'Run pipeline'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
