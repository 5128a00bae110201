import { useApi } from '@backstage/frontend-plugin-api';
import {
  RUNS_SIGNAL_CHANNEL,
  RunFilter,
  RunList,
} from '@golive/plugin-pipelines-common';
import { useMemo, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { pipelinesApiRef } from '../api/PipelinesApi';
import { useSignalRefresh } from './useSignalRefresh';

type Cursor = string | undefined;
const FIRST: Cursor = undefined;

/** A page of runs with the controls to move between pages. */
export interface RunListState {
  value?: RunList;
  loading: boolean;
  error?: Error;
  retry(): void;
  /** 0-based page number. */
  page: number;
  pageSize: number;
  hasPrevious: boolean;
  hasNext: boolean;
  previous(): void;
  next(): void;
}

/**
 * Pages through the runs matching a filter with the API's cursors, and
 * reloads the current page when any run changes.
 */
export function useRunList(
  filter: Omit<RunFilter, 'cursor' | 'limit'>,
  pageSize = 25,
): RunListState {
  const pipelinesApi = useApi(pipelinesApiRef);
  const filterKey = JSON.stringify(filter);
  // cursors[n] opens page n; page 0 has none. A new filter starts over,
  // since a cursor only means something for the filter that produced it.
  const [paging, setPaging] = useState({ filterKey, cursors: [FIRST] });
  const cursors = paging.filterKey === filterKey ? paging.cursors : [FIRST];
  const setCursors = (update: (c: Cursor[]) => Cursor[]) =>
    setPaging({ filterKey, cursors: update(cursors) });
  const page = cursors.length - 1;
  const cursor = cursors[page];

  const stableFilter = useMemo(
    () => JSON.parse(filterKey) as RunFilter,
    [filterKey],
  );
  const state = useAsyncRetry(
    () => pipelinesApi.listRuns({ ...stableFilter, cursor, limit: pageSize }),
    [pipelinesApi, stableFilter, cursor, pageSize],
  );
  useSignalRefresh(RUNS_SIGNAL_CHANNEL, state.retry);

  const nextCursor = state.value?.nextCursor;
  return {
    value: state.value,
    loading: state.loading,
    error: state.error,
    retry: state.retry,
    page,
    pageSize,
    hasPrevious: page > 0,
    hasNext: nextCursor !== undefined,
    previous: () => setCursors(c => (c.length > 1 ? c.slice(0, -1) : c)),
    next: () => {
      if (nextCursor !== undefined) {
        setCursors(c => [...c, nextCursor]);
      }
    },
  };
}
