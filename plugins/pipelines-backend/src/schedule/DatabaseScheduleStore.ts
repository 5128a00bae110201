import type { Knex } from 'knex';

const SLOTS = 'pipelines_schedule_slots';

/** The cron slots that have fired, shared by every backend replica. */
export class DatabaseScheduleStore {
  private constructor(private readonly db: Knex) {}

  static create(options: { db: Knex }) {
    return new DatabaseScheduleStore(options.db);
  }

  /**
   * Records a slot as fired. Returns false when it was already recorded,
   * by this or another replica.
   */
  async claimSlot(slot: {
    entityRef: string;
    cron: string;
    slot: Date;
    now: Date;
  }): Promise<boolean> {
    const rows = await this.db(SLOTS)
      .insert({
        entity_ref: slot.entityRef,
        cron: slot.cron,
        slot: slot.slot.toISOString(),
        fired_at: slot.now.toISOString(),
      })
      .onConflict(['entity_ref', 'cron', 'slot'])
      .ignore()
      .returning('slot');
    return rows.length > 0;
  }

  /** Forgets slots fired before a time; they can no longer be due. */
  async deleteFiredBefore(time: Date): Promise<void> {
    await this.db(SLOTS).where('fired_at', '<', time.toISOString()).delete();
  }
}
