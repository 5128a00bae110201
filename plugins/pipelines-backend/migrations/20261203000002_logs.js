// @ts-check

/**
 * Job logs of GoLive pipelines: one row per line, and one row per job with
 * the size of its log and whether it was cut at the limit.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  // No foreign key to pipelines_jobs: lines are written in bulk while the
  // job runs; the retention task (src/retention) deletes them with runs.
  await knex.schema.createTable('pipelines_log_lines', table => {
    table.comment('Log lines of pipeline jobs, masked before they are stored');
    table.string('job_id', 36).notNullable();
    table.integer('seq').notNullable().comment('From 1 per job, no gaps');
    table.integer('step_index').nullable().comment('Null for runner lines');
    table.string('stream', 8).notNullable().comment('stdout, stderr, system');
    table.string('time', 32).notNullable().comment('ISO timestamp');
    table.text('text').notNullable();
    table.primary(['job_id', 'seq'], 'pipelines_log_lines_pk');
    table.index(
      ['job_id', 'step_index', 'seq'],
      'pipelines_log_lines_step_idx',
    );
  });

  await knex.schema.createTable('pipelines_logs', table => {
    table.comment('Size and state of the log of each pipeline job');
    table.string('job_id', 36).notNullable();
    table.bigInteger('bytes').notNullable().defaultTo(0);
    table.boolean('truncated').notNullable().defaultTo(false);
    table.primary(['job_id'], 'pipelines_logs_pk');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('pipelines_logs');
  await knex.schema.dropTable('pipelines_log_lines');
};
