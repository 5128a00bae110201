import { EmptyState } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import { useKnownProviders } from '../../hooks/useKnownProviders';
import { useRunList } from '../../hooks/useRunList';
import { CheckPipeline } from '../CheckPipeline';
import { RunFilters, RunFilterValues } from '../RunFilters';
import { RunsTable } from '../RunsTable';
import { SecretsPanel } from '../SecretsPanel';

/** Runs of every entity, with filters. */
export function AllRuns() {
  const [draft, setDraft] = useState<RunFilterValues>({});
  const [filter, setFilter] = useState<RunFilterValues>({});
  // Typing in a text filter should not send a request per key stroke.
  useDebounce(
    () =>
      setFilter(current =>
        JSON.stringify(current) === JSON.stringify(draft) ? current : draft,
      ),
    300,
    [draft],
  );
  const state = useRunList(filter);
  const providers = useKnownProviders(state.value?.providers);
  const filtered = Object.values(filter).some(
    v => v !== undefined && !(Array.isArray(v) && v.length === 0),
  );

  return (
    <>
      <RunFilters value={draft} onChange={setDraft} providers={providers} />
      <RunsTable
        state={state}
        showEntity
        emptyContent={
          filtered ? (
            <Box p={2}>No run matches these filters.</Box>
          ) : (
            <EmptyState
              missing="data"
              title="No pipeline has run yet"
              description="Runs appear here as soon as a component's .golive/pipeline.yaml is triggered by a push, a schedule or the Run pipeline button on its CI/CD tab."
            />
          )
        }
      />
    </>
  );
}

/**
 * The Pipelines page: all runs of the portal, a pipeline file checker and
 * the global secrets.
 */
export function PipelinesPage() {
  const [tab, setTab] = useState(0);
  return (
    <Box p={3}>
      <Tabs
        value={tab}
        onChange={(_, value) => setTab(value)}
        indicatorColor="primary"
        aria-label="Pipelines views"
      >
        <Tab label="Runs" />
        <Tab label="Check pipeline" />
        <Tab label="Secrets" />
      </Tabs>
      <Box mt={2}>
        {tab === 0 && <AllRuns />}
        {tab === 1 && <CheckPipeline />}
        {tab === 2 && <SecretsPanel />}
      </Box>
    </Box>
  );
}
