import type { PipelineRig } from './pipelineRig';
import { round, summarize } from './stats';

/** Milliseconds between two stored ISO timestamps. */
const between = (later?: string | null, earlier?: string | null) =>
  later && earlier ? Date.parse(later) - Date.parse(earlier) : undefined;

function median(values: Array<number | undefined>) {
  const known = values.filter((v): v is number => v !== undefined);
  return round(summarize(known).p50, 1);
}

/**
 * Medians between the timestamps the plugin stores for a delivery and its
 * run (ms precision): where the time between the send and the step's
 * process goes.
 */
export async function deliveryTimeline(
  rig: PipelineRig,
  deliveries: Map<string, { sha: string; sentAt: number }>,
  marks: Map<string, number>,
) {
  const inbox = await rig.db
    .knex('pipelines_webhook_inbox')
    .whereIn('delivery_id', [...deliveries.keys()])
    .select('delivery_id', 'created_at', 'claimed_at');
  const runs = await rig.db
    .knex('pipelines_runs as r')
    .join('pipelines_jobs as j', 'j.run_id', 'r.id')
    .join('pipelines_steps as s', 's.job_id', 'j.id')
    .where('s.index', 0)
    .whereIn(
      'r.sha',
      [...deliveries.values()].map(d => d.sha),
    )
    .select(
      'r.sha',
      'r.created_at as run_created',
      'j.queued_at as job_queued',
      'j.started_at as job_claimed',
      's.started_at as step_started',
    );
  const runBySha = new Map(runs.map(r => [r.sha as string, r]));
  const rows = inbox.map(entry => {
    const delivery = deliveries.get(entry.delivery_id)!;
    return {
      ...entry,
      ...runBySha.get(delivery.sha),
      sentAt: delivery.sentAt,
      mark: marks.get(delivery.sha),
    };
  });
  return {
    sent_to_delivery_stored: median(
      rows.map(r => Date.parse(r.created_at) - r.sentAt),
    ),
    delivery_stored_to_claimed: median(
      rows.map(r => between(r.claimed_at, r.created_at)),
    ),
    delivery_claimed_to_run_created: median(
      rows.map(r => between(r.run_created, r.claimed_at)),
    ),
    run_created_to_job_queued: median(
      rows.map(r => between(r.job_queued, r.run_created)),
    ),
    job_queued_to_claimed: median(
      rows.map(r => between(r.job_claimed, r.job_queued)),
    ),
    job_claimed_to_step_started: median(
      rows.map(r => between(r.step_started, r.job_claimed)),
    ),
    step_started_to_process_running: median(
      rows.map(r =>
        r.mark !== undefined && r.step_started
          ? r.mark - Date.parse(r.step_started)
          : undefined,
      ),
    ),
  };
}
