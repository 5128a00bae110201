import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import {
  useApi,
  useAppNavigate,
  useRouteRef,
} from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  pipelinesRunCreatePermission,
  Run,
} from '@golive/plugin-pipelines-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import PlayIcon from '@material-ui/icons/PlayArrow';
import { Alert } from '@material-ui/lab';
import { useCallback, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { pipelinesApiRef } from '../../api/PipelinesApi';
import { useKnownProviders } from '../../hooks/useKnownProviders';
import { useRunList } from '../../hooks/useRunList';
import { runRouteRef } from '../../routes';
import { RunFilters, RunFilterValues } from '../RunFilters';
import { RunPipelineDialog } from '../RunPipelineDialog';
import { RunsTable } from '../RunsTable';

const examplePipeline = `name: build
on:
  push: { branches: [main] }
  manual: {}
jobs:
  build:
    steps:
      - run: npm ci && npm test`;

function NoPipeline() {
  return (
    <EmptyState
      missing="field"
      title="This component has no pipeline yet"
      description={
        <>
          Add a <code>.golive/pipeline.yaml</code> file to its repository (or
          point the <code>golive.dev/pipeline-path</code> annotation at another
          file) and its runs will show here. A minimal pipeline:
          <code
            style={{ display: 'block', whiteSpace: 'pre', margin: '8px 0' }}
          >
            {examplePipeline}
          </code>
          Check a file before pushing it on the Check pipeline tab of the
          Pipelines page.
        </>
      }
    />
  );
}

/**
 * The CI/CD tab of a component: its runs (GoLive's own and those of its
 * Jenkins jobs or GitHub Actions workflows) and the Run pipeline dialog.
 */
export function EntityRunsContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const pipelinesApi = useApi(pipelinesApiRef);
  const navigate = useAppNavigate();
  const runLink = useRouteRef(runRouteRef);
  const [dialogOpen, setDialogOpen] = useState(false);
  const [filter, setFilter] = useState<RunFilterValues>({});
  const [requested, setRequested] = useState<string>();
  const canRun = usePermission({
    permission: pipelinesRunCreatePermission,
    resourceRef: entityRef,
  });

  const pipeline = useAsyncRetry(
    () => pipelinesApi.getEntityPipeline(entityRef),
    [pipelinesApi, entityRef],
  );
  const sources = useAsyncRetry(
    () => pipelinesApi.getExternalSources(entityRef),
    [pipelinesApi, entityRef],
  );
  const runs = useRunList({ ...filter, entityRef });
  const providers = useKnownProviders(runs.value?.providers);
  const onRequested = useCallback((message: string) => {
    setDialogOpen(false);
    setRequested(message);
  }, []);
  const onCreated = useCallback(
    (run: Run) => {
      setDialogOpen(false);
      const href = runLink?.({ runId: run.id });
      if (href) {
        navigate(href);
      }
    },
    [navigate, runLink],
  );

  if (
    (pipeline.loading && !pipeline.value) ||
    (sources.loading && !sources.value)
  ) {
    return <Progress />;
  }
  const externalSources = sources.value?.items ?? [];
  // A component built elsewhere still shows its external runs when its
  // repository cannot be read for a GoLive pipeline.
  if (pipeline.error && externalSources.length === 0) {
    return (
      <ResponseErrorPanel
        error={pipeline.error}
        title="Could not read the pipeline of this component"
      />
    );
  }
  if (!pipeline.value && externalSources.length === 0) {
    // Without a pipeline the tab only has something to show through an
    // external source, so failing to learn of them is the error to show.
    return sources.error ? (
      <ResponseErrorPanel
        error={sources.error}
        title="Could not read the CI sources of this component"
      />
    ) : (
      <NoPipeline />
    );
  }

  const triggerable = externalSources.filter(source => source.canTrigger);
  const canStart = Boolean(pipeline.value) || triggerable.length > 0;
  let runTitle: string | undefined;
  if (!canRun.allowed) {
    runTitle = 'You may not run this pipeline';
  } else if (!canStart) {
    runTitle = 'None of these CI sources can be started from the portal';
  }

  return (
    <Box>
      <Box display="flex" justifyContent="space-between" alignItems="center">
        <RunFilters
          value={filter}
          onChange={setFilter}
          hideEntity
          providers={providers}
        />
        <Button
          variant="contained"
          color="primary"
          startIcon={<PlayIcon />}
          disabled={!canRun.allowed || !canStart}
          title={runTitle}
          onClick={() => setDialogOpen(true)}
        >
          Run pipeline
        </Button>
      </Box>
      {pipeline.error && (
        <Box mb={2}>
          <Alert
            severity="warning"
            action={<Button onClick={pipeline.retry}>Retry</Button>}
          >
            Could not read the GoLive pipeline of this component, so only its
            external CI sources can be started: {pipeline.error.message}
          </Alert>
        </Box>
      )}
      {sources.error && (
        <Box mb={2}>
          <Alert
            severity="warning"
            action={<Button onClick={sources.retry}>Retry</Button>}
          >
            Could not read the external CI sources (Jenkins jobs, GitHub Actions
            workflows) of this component, so only its GoLive pipeline can be
            started: {sources.error.message}
          </Alert>
        </Box>
      )}
      {requested && (
        <Box mb={2}>
          <Alert severity="success" onClose={() => setRequested(undefined)}>
            {requested}
          </Alert>
        </Box>
      )}
      <RunsTable
        state={runs}
        title={
          pipeline.value && externalSources.length === 0
            ? `Runs of ${pipeline.value.name}`
            : 'Runs'
        }
        emptyContent={
          <Box p={2}>
            {pipeline.value
              ? 'No runs yet. Push to a branch the pipeline watches, or press Run pipeline.'
              : `No runs yet. Builds of ${externalSources
                  .map(source => source.label)
                  .join(', ')} appear here once they start.`}
          </Box>
        }
      />
      {dialogOpen && (
        <RunPipelineDialog
          open
          entityRef={entityRef}
          pipeline={pipeline.value}
          sources={triggerable}
          onClose={() => setDialogOpen(false)}
          onCreated={onCreated}
          onRequested={onRequested}
        />
      )}
    </Box>
  );
}
