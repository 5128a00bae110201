import { useApi } from '@backstage/frontend-plugin-api';
import { LogLine } from '@golive/plugin-pipelines-common';
import { useEffect, useState } from 'react';
import { pipelinesApiRef } from '../api/PipelinesApi';

/** A job's log as far as it is known, growing while the job runs. */
export interface JobLogState {
  lines: LogLine[];
  loading: boolean;
  /** Whether lines are still streaming in. */
  live: boolean;
  truncated: boolean;
  /** Whether only the first lines are shown; the rest is in the download. */
  clipped: boolean;
  error?: Error;
}

const PAGE = 5000;
/** Beyond this the browser slows down; the download has everything. */
const MAX_LINES = 50_000;
const FLUSH_MS = 100;

/**
 * Loads a job's stored log, then tails it live while the job runs. Live
 * lines are flushed to React in batches so a chatty job does not re-render
 * per line.
 */
export function useJobLog(runId: string, jobId: string): JobLogState {
  const pipelinesApi = useApi(pipelinesApiRef);
  const [state, setState] = useState<JobLogState>({
    lines: [],
    loading: true,
    live: false,
    truncated: false,
    clipped: false,
  });

  useEffect(() => {
    const abort = new AbortController();
    const { signal } = abort;
    let lines: LogLine[] = [];
    let pending: LogLine[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const update = (patch: Partial<JobLogState>) => {
      if (!signal.aborted) {
        setState(s => ({ ...s, ...patch }));
      }
    };
    const flush = () => {
      timer = undefined;
      const room = MAX_LINES - lines.length;
      lines = lines.concat(pending.slice(0, Math.max(room, 0)));
      const clipped = pending.length > room;
      pending = [];
      update({ lines, ...(clipped && { clipped: true }) });
    };

    setState({
      lines: [],
      loading: true,
      live: false,
      truncated: false,
      clipped: false,
    });

    (async () => {
      let after = 0;
      let live = false;
      let truncated = false;
      for (;;) {
        const page = await pipelinesApi.getLogs(runId, jobId, {
          after,
          limit: PAGE,
        });
        lines = lines.concat(page.lines);
        after = page.lines[page.lines.length - 1]?.seq ?? after;
        live = page.live;
        truncated = page.truncated;
        if (page.lines.length < PAGE || lines.length >= MAX_LINES) {
          break;
        }
      }
      const clipped = lines.length >= MAX_LINES;
      lines = lines.slice(0, MAX_LINES);
      update({ lines, loading: false, live, truncated, clipped });
      if (!live || clipped) {
        return;
      }
      await pipelinesApi.streamLogs(runId, jobId, {
        after,
        signal,
        onLine: line => {
          pending.push(line);
          timer ??= setTimeout(flush, FLUSH_MS);
        },
      });
      if (timer) {
        clearTimeout(timer);
        flush();
      }
      update({ live: false });
    })().catch(error => update({ error, loading: false, live: false }));

    return () => {
      abort.abort();
      if (timer) {
        clearTimeout(timer);
      }
    };
  }, [pipelinesApi, runId, jobId]);

  return state;
}
