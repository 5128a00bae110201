import { ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  ExternalSourceSummary,
  PipelineInput,
  Run,
} from '@golive/plugin-pipelines-common';
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
import {
  EntityPipeline,
  isRunAccepted,
  pipelinesApiRef,
} from '../../api/PipelinesApi';
import { pipelineProblemsOf } from '../../utils/pipelineProblems';
import { ProblemList } from '../ProblemList';

export interface RunPipelineDialogProps {
  open: boolean;
  entityRef: string;
  /** The entity's GoLive pipeline, when it has one. */
  pipeline?: EntityPipeline;
  /** External sources (Jenkins jobs, workflows) that can be started too. */
  sources?: ExternalSourceSummary[];
  onClose(): void;
  /** Called with the run GoLive started. */
  onCreated(run: Run): void;
  /**
   * Called when an external provider took the request; its run only
   * exists once the provider starts it.
   */
  onRequested(message: string): void;
}

type Values = Record<string, string | boolean>;

/** What the dialog can start: the GoLive pipeline or one external source. */
interface Target {
  key: string;
  title: string;
  /** How the target is named in the "Run on" choice. */
  choice: string;
  inputs: PipelineInput[];
  source?: ExternalSourceSummary;
}

const GOLIVE_TARGET = 'golive';

function targetsOf(
  pipeline: EntityPipeline | undefined,
  sources: ExternalSourceSummary[],
): Target[] {
  const targets: Target[] = [];
  if (pipeline) {
    targets.push({
      key: GOLIVE_TARGET,
      title: pipeline.name,
      choice: `GoLive pipeline ${pipeline.name}`,
      inputs: pipeline.inputs,
    });
  }
  for (const source of sources) {
    targets.push({
      key: `${source.provider}:${source.source}`,
      title: source.label,
      choice: `${source.providerTitle}: ${source.label}`,
      inputs: source.inputs,
      source,
    });
  }
  return targets;
}

/** The words shown once an external provider took a build request. */
export function requestedText(providerTitle: string): string {
  return `Build requested in ${providerTitle}; it appears here once ${providerTitle} starts it`;
}

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

/**
 * Starts a run of an entity's pipeline, or a build of one of its external
 * sources, with the typed inputs of what was chosen.
 */
export function RunPipelineDialog(props: RunPipelineDialogProps) {
  const { open, entityRef, pipeline, sources = [], onClose } = props;
  const { onCreated, onRequested } = props;
  const pipelinesApi = useApi(pipelinesApiRef);
  const targets = targetsOf(pipeline, sources);
  const [targetKey, setTargetKey] = useState(targets[0]?.key);
  const target = targets.find(t => t.key === targetKey) ?? targets[0];
  const inputsOf = target?.inputs ?? [];
  const [ref, setRef] = useState('');
  const [values, setValues] = useState(() => initialValues(inputsOf));
  const [touched, setTouched] = useState(false);

  const missing = inputsOf.filter(
    input => input.required && input.type !== 'boolean' && !values[input.name],
  );

  const [state, start] = useAsyncFn(async () => {
    const inputs: Values = {};
    for (const input of inputsOf) {
      const value = values[input.name];
      // Empty optional fields are left out so the pipeline's defaults apply.
      if (value !== '' && value !== undefined) {
        inputs[input.name] = value;
      }
    }
    const external = target?.source;
    const started = await pipelinesApi.createRun(
      external
        ? {
            entityRef,
            provider: external.provider,
            source: external.source,
            inputs,
          }
        : { entityRef, ref: ref.trim() || undefined, inputs },
    );
    if (isRunAccepted(started)) {
      onRequested(requestedText(external?.providerTitle ?? 'GoLive'));
    } else {
      onCreated(started);
    }
    return started;
  }, [pipelinesApi, entityRef, ref, values, target, onCreated, onRequested]);

  const choose = (key: string) => {
    const next = targets.find(t => t.key === key);
    setTargetKey(key);
    setValues(initialValues(next?.inputs ?? []));
    setTouched(false);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (missing.length === 0) {
      start();
    }
  };
  const problems =
    state.error && target?.key === GOLIVE_TARGET
      ? pipelineProblemsOf(state.error)
      : undefined;

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
        <DialogTitle>Run {target?.title}</DialogTitle>
        <DialogContent>
          {targets.length > 1 && (
            <TextField
              select
              id="run-target"
              label="Run on"
              value={target?.key ?? ''}
              onChange={e => choose(e.target.value)}
              fullWidth
              margin="normal"
            >
              {targets.map(t => (
                <MenuItem key={t.key} value={t.key}>
                  {t.choice}
                </MenuItem>
              ))}
            </TextField>
          )}
          {target?.source ? (
            <Typography variant="body2" color="textSecondary" paragraph>
              Starts a new build of {target.source.label} in{' '}
              {target.source.providerTitle}
              {target.inputs.length > 0 ? ' with these parameters.' : '.'}
            </Typography>
          ) : (
            <TextField
              id="run-ref"
              label="Branch or tag"
              helperText="Leave empty for the repository's default branch"
              value={ref}
              onChange={e => setRef(e.target.value)}
              fullWidth
              margin="normal"
            />
          )}
          {inputsOf.map(field)}
          {problems && (
            <>
              <Typography color="error" variant="subtitle2">
                {pipeline?.path} is not valid, so no run was started
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
