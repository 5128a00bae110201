import { parseEntityRef } from '@backstage/catalog-model';
import {
  Link,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import { Run } from '@golive/plugin-pipelines-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import OpenInNewIcon from '@material-ui/icons/OpenInNew';
import { ReactNode } from 'react';
import { RunListState } from '../../hooks/useRunList';
import { runRouteRef } from '../../routes';
import { describeRef } from '../../utils/describeRef';
import { Duration } from '../Duration';
import { ProviderAlerts } from '../ProviderAlerts';
import { ProviderBadge } from '../ProviderBadge';
import { StatusLabel } from '../StatusLabel';

export interface RunsTableProps {
  state: RunListState;
  title?: string;
  /** Adds the entity column, for lists that span entities. */
  showEntity?: boolean;
  /** Shown when there is no run at all. */
  emptyContent?: ReactNode;
}

const triggerText: Record<Run['trigger'], string> = {
  manual: 'Manual',
  push: 'Push',
  pull_request: 'Pull request',
  schedule: 'Schedule',
  api: 'API',
};

function refText(ref: string): string {
  const { kind, name } = describeRef(ref);
  return kind === 'Tag' ? `tag ${name}` : name;
}

function entityName(entityRef: string): string {
  try {
    return parseEntityRef(entityRef).name;
  } catch {
    return entityRef;
  }
}

/** Runs, newest first, a page at a time. */
export function RunsTable(props: RunsTableProps) {
  const { state, title = 'Runs', showEntity, emptyContent } = props;
  const runLink = useRouteRef(runRouteRef);

  if (state.error && !state.value) {
    return (
      <ResponseErrorPanel error={state.error} title="Could not load runs" />
    );
  }

  const columns: TableColumn<Run>[] = [
    {
      title: 'Run',
      // room for job paths such as shop/inventory/main #3 on one line
      cellStyle: { minWidth: 240 },
      render: run => {
        const label = `${run.pipelineName} #${run.number}`;
        const href = runLink?.({ runId: run.id });
        // a Jenkins job is named after its source; say it once
        const source =
          run.source && run.source !== run.pipelineName
            ? run.source
            : undefined;
        return (
          <>
            <Box
              display="flex"
              alignItems="center"
              flexWrap="wrap"
              style={{ gap: 8 }}
            >
              {href ? <Link to={href}>{label}</Link> : label}
              <ProviderBadge run={run} />
            </Box>
            {run.provider && (source || run.url) && (
              <Typography
                variant="caption"
                display="block"
                color="textSecondary"
              >
                {source}
                {source && run.url && ' · '}
                {run.url && (
                  <Link to={run.url} target="_blank" rel="noopener">
                    Open in {run.providerTitle ?? run.provider}
                    <OpenInNewIcon
                      fontSize="inherit"
                      style={{ verticalAlign: 'middle', marginLeft: 2 }}
                    />
                  </Link>
                )}
              </Typography>
            )}
          </>
        );
      },
    },
    {
      title: 'Status',
      // a status is never cut in the middle of a word
      cellStyle: { whiteSpace: 'nowrap' },
      render: run => <StatusLabel status={run.status} />,
    },
    ...(showEntity
      ? [
          {
            title: 'Entity',
            render: (run: Run) => (
              <span title={run.entityRef}>{entityName(run.entityRef)}</span>
            ),
          },
        ]
      : []),
    {
      title: 'Branch',
      render: run => (
        <>
          {run.ref ? refText(run.ref) : '—'}
          {run.sha && (
            <Typography variant="caption" display="block" color="textSecondary">
              {run.sha.slice(0, 7)}
            </Typography>
          )}
        </>
      ),
    },
    {
      title: 'Trigger',
      render: run => (
        <>
          {triggerText[run.trigger] ?? run.trigger}
          <Typography variant="caption" display="block" color="textSecondary">
            {run.actor}
          </Typography>
        </>
      ),
    },
    {
      title: 'Started',
      render: run => new Date(run.startedAt ?? run.createdAt).toLocaleString(),
    },
    { title: 'Duration', render: run => <Duration item={run} /> },
  ];

  const runs = state.value?.items ?? [];
  // a capped count is a lower bound
  const total = `${(state.value?.totalCount ?? 0).toLocaleString()}${
    state.value?.totalCountCapped ? '+' : ''
  }`;
  const first = state.page * state.pageSize + 1;

  return (
    <>
      <ProviderAlerts providers={state.value?.providers} />
      <Table<Run>
        title={title}
        columns={columns}
        data={runs}
        isLoading={state.loading && !state.value}
        options={{ paging: false, search: false, sorting: false }}
        emptyContent={emptyContent ?? <Box p={2}>No runs yet.</Box>}
      />
      {(state.hasPrevious || state.hasNext) && (
        <Box display="flex" alignItems="center" justifyContent="flex-end" p={1}>
          <Typography variant="body2" color="textSecondary">
            {runs.length > 0
              ? `${first}–${first + runs.length - 1} of ${total}`
              : `${total} runs`}
          </Typography>
          <Button
            onClick={state.previous}
            disabled={!state.hasPrevious || state.loading}
          >
            Newer
          </Button>
          <Button
            onClick={state.next}
            disabled={!state.hasNext || state.loading}
          >
            Older
          </Button>
        </Box>
      )}
    </>
  );
}
