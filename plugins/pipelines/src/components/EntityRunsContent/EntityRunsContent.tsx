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
import { useCallback, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { pipelinesApiRef } from '../../api/PipelinesApi';
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

/** The CI/CD tab of a component: its runs and the Run pipeline dialog. */
export function EntityRunsContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const pipelinesApi = useApi(pipelinesApiRef);
  const navigate = useAppNavigate();
  const runLink = useRouteRef(runRouteRef);
  const [dialogOpen, setDialogOpen] = useState(false);
  const [filter, setFilter] = useState<RunFilterValues>({});
  const canRun = usePermission({
    permission: pipelinesRunCreatePermission,
    resourceRef: entityRef,
  });

  const pipeline = useAsyncRetry(
    () => pipelinesApi.getEntityPipeline(entityRef),
    [pipelinesApi, entityRef],
  );
  const runs = useRunList({ ...filter, entityRef });
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

  if (pipeline.loading && !pipeline.value) {
    return <Progress />;
  }
  if (pipeline.error) {
    return (
      <ResponseErrorPanel
        error={pipeline.error}
        title="Could not read the pipeline of this component"
      />
    );
  }
  if (!pipeline.value) {
    return <NoPipeline />;
  }

  return (
    <Box>
      <Box display="flex" justifyContent="space-between" alignItems="center">
        <RunFilters value={filter} onChange={setFilter} hideEntity />
        <Button
          variant="contained"
          color="primary"
          startIcon={<PlayIcon />}
          disabled={!canRun.allowed}
          title={canRun.allowed ? undefined : 'You may not run this pipeline'}
          onClick={() => setDialogOpen(true)}
        >
          Run pipeline
        </Button>
      </Box>
      <RunsTable
        state={runs}
        title={`Runs of ${pipeline.value.name}`}
        emptyContent={
          <Box p={2}>
            No runs yet. Push to a branch the pipeline watches, or press Run
            pipeline.
          </Box>
        }
      />
      {dialogOpen && (
        <RunPipelineDialog
          open
          entityRef={entityRef}
          pipeline={pipeline.value}
          onClose={() => setDialogOpen(false)}
          onCreated={onCreated}
        />
      )}
    </Box>
  );
}
