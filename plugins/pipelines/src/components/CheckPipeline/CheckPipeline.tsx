import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { StatusOK } from '@backstage/core-components';
import { useState } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { pipelinesApiRef } from '../../api/PipelinesApi';
import { ProblemList } from '../ProblemList';

/** Paste a pipeline file and see every problem with its line and column. */
export function CheckPipeline() {
  const pipelinesApi = useApi(pipelinesApiRef);
  const [content, setContent] = useState('');
  const [state, check] = useAsyncFn(
    () => pipelinesApi.validatePipeline(content),
    [pipelinesApi, content],
  );
  const result = state.value;

  return (
    <Box maxWidth={960}>
      <Typography variant="body2" paragraph>
        Paste a <code>.golive/pipeline.yaml</code> to check it before you push
        it. Nothing runs.
      </Typography>
      <TextField
        id="check-pipeline-content"
        label="Pipeline file"
        multiline
        minRows={12}
        maxRows={30}
        fullWidth
        variant="outlined"
        value={content}
        onChange={e => setContent(e.target.value)}
        inputProps={{ spellCheck: false, style: { fontFamily: 'monospace' } }}
      />
      <Box mt={2} mb={2}>
        <Button
          variant="contained"
          color="primary"
          disabled={!content.trim() || state.loading}
          onClick={() => check()}
        >
          Check pipeline
        </Button>
      </Box>
      {state.loading && <Progress />}
      {state.error && (
        <ResponseErrorPanel error={state.error} title="Could not check" />
      )}
      {!state.loading && result?.valid && (
        <StatusOK>The pipeline file is valid</StatusOK>
      )}
      {!state.loading && result && !result.valid && (
        <>
          <Typography variant="subtitle1">
            {result.problems.length === 1
              ? '1 problem'
              : `${result.problems.length} problems`}
          </Typography>
          <ProblemList problems={result.problems} />
        </>
      )}
    </Box>
  );
}
