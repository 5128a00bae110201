import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import IconButton from '@material-ui/core/IconButton';
import InputAdornment from '@material-ui/core/InputAdornment';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import SearchIcon from '@material-ui/icons/Search';
import { FormEvent, useState } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { pipelinesApiRef } from '../../api/PipelinesApi';

export interface LogSearchProps {
  runId: string;
  jobId: string;
  /** Names of the job's steps by index, to say where a line is. */
  stepNames: string[];
}

const LIMIT = 200;
const ansi = new RegExp(`${String.fromCharCode(27)}\\[[0-9;?]*[A-Za-z]`, 'g');

/** Searches a job's whole stored log on the server. */
export function LogSearch(props: LogSearchProps) {
  const { runId, jobId, stepNames } = props;
  const pipelinesApi = useApi(pipelinesApiRef);
  const [query, setQuery] = useState('');
  const [state, search] = useAsyncFn(
    (text: string) =>
      pipelinesApi.getLogs(runId, jobId, { search: text, limit: LIMIT }),
    [pipelinesApi, runId, jobId],
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (query.trim()) {
      search(query.trim());
    }
  };
  const lines = state.value?.lines;

  return (
    <Box mb={2}>
      <form onSubmit={submit} role="search">
        <TextField
          id={`log-search-${jobId}`}
          label="Search the job's log"
          size="small"
          variant="outlined"
          value={query}
          onChange={e => setQuery(e.target.value)}
          InputProps={{
            endAdornment: (
              <InputAdornment position="end">
                <IconButton type="submit" aria-label="Search" size="small">
                  <SearchIcon />
                </IconButton>
              </InputAdornment>
            ),
          }}
        />
      </form>
      {state.loading && <Progress />}
      {state.error && (
        <ResponseErrorPanel error={state.error} title="Search failed" />
      )}
      {lines && lines.length === 0 && (
        <Typography variant="body2">No line matches.</Typography>
      )}
      {lines && lines.length > 0 && (
        <Box
          component="ol"
          aria-label="Matching lines"
          pl={0}
          style={{ listStyle: 'none' }}
        >
          {lines.map(line => (
            <li key={line.seq}>
              <Typography variant="caption" color="textSecondary">
                {line.stepIndex !== undefined
                  ? stepNames[line.stepIndex] ?? `Step ${line.stepIndex + 1}`
                  : 'Runner'}
                {` · line ${line.seq} `}
              </Typography>
              <code>{line.text.replace(ansi, '')}</code>
            </li>
          ))}
          {lines.length === LIMIT && (
            <Typography variant="caption">
              Showing the first {LIMIT} matches.
            </Typography>
          )}
        </Box>
      )}
    </Box>
  );
}
