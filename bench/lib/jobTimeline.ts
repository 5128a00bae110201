import type { Knex } from 'knex';

const ms = (later: string, earlier: string) =>
  `extract(epoch from (${later}::timestamptz - ${earlier}::timestamptz)) * 1000`;

const median = (expression: string, name: string) =>
  `round((percentile_cont(0.5) within group (order by ${expression}))::numeric, 1) as ${name}`;

/**
 * Medians, in ms, of where a job's time went, from the timestamps the
 * plugin stores (ms precision): which part of the path is slow.
 */
export async function jobTimeline(knex: Knex): Promise<Record<string, number>> {
  const result = await knex.raw(`
    select
      ${median(ms('r.created_at', 'r.created_at'), 'zero')},
      ${median(ms('j.queued_at', 'r.created_at'), 'run_created_to_job_queued')},
      ${median(ms('j.started_at', 'j.queued_at'), 'job_queued_to_claimed')},
      ${median(ms('s.started_at', 'j.started_at'), 'claimed_to_step_started')},
      ${median(
        ms('s.finished_at', 's.started_at'),
        'step_started_to_finished',
      )},
      ${median(
        ms('j.finished_at', 's.finished_at'),
        'step_finished_to_job_finished',
      )},
      ${median(ms('j.finished_at', 'j.queued_at'), 'job_queued_to_finished')}
    from pipelines_jobs j
    join pipelines_runs r on r.id = j.run_id
    join pipelines_steps s on s.job_id = j.id and s.index = 0
    where j.finished_at is not null`);
  const { zero: _zero, ...row } = result.rows[0] ?? {};
  return Object.fromEntries(
    Object.entries(row).map(([key, value]) => [key, Number(value)]),
  );
}
