// @ts-check

/**
 * Cron slots of pipeline schedules that have fired, one row per entity,
 * cron expression and slot, so that no slot starts two runs.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('pipelines_schedule_slots', table => {
    table.comment('Cron slots of pipeline schedules that started a run');
    table.string('entity_ref', 255).notNullable();
    table.string('cron', 255).notNullable().comment('As written in the file');
    table.string('slot', 32).notNullable().comment('ISO time of the slot');
    table.string('fired_at', 32).notNullable().comment('ISO timestamp');
    table.primary(
      ['entity_ref', 'cron', 'slot'],
      'pipelines_schedule_slots_pk',
    );
    table.index(['fired_at'], 'pipelines_schedule_slots_fired_at_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('pipelines_schedule_slots');
};
