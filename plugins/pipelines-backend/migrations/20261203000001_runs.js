// @ts-check

/**
 * Runs, jobs, steps, artifacts and secrets of GoLive pipelines.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('pipelines_runs', table => {
    table.string('id', 36).primary().notNullable();
    table.integer('number').notNullable();
    table.string('entity_ref').notNullable();
    table.string('pipeline_name').notNullable();
    table.string('pipeline_path').notNullable();
    table.string('repository_url', 2048).notNullable();
    table.string('status', 16).notNullable();
    table.string('trigger', 16).notNullable();
    table.string('actor').notNullable();
    table.string('ref').notNullable();
    table.string('sha', 64).notNullable();
    table.text('inputs').notNullable();
    table.text('pipeline_snapshot').notNullable();
    table.string('rerun_of', 36).nullable();
    table.boolean('from_fork').notNullable().defaultTo(false);
    table.boolean('cancel_requested').notNullable().defaultTo(false);
    table.string('created_at', 32).notNullable();
    table.string('started_at', 32).nullable();
    table.string('finished_at', 32).nullable();
    table.unique(['entity_ref', 'number'], {
      indexName: 'pipelines_runs_entity_number_uq',
    });
    table.index(
      ['entity_ref', 'created_at'],
      'pipelines_runs_entity_created_idx',
    );
    table.index(['created_at', 'id'], 'pipelines_runs_created_idx');
    table.index(['status'], 'pipelines_runs_status_idx');
  });

  await knex.schema.createTable('pipelines_jobs', table => {
    table.string('id', 36).primary().notNullable();
    table
      .string('run_id', 36)
      .notNullable()
      .references('id')
      .inTable('pipelines_runs')
      .onDelete('CASCADE');
    table.integer('position').notNullable();
    table.string('key').notNullable();
    table.string('name').notNullable();
    table.string('status', 16).notNullable();
    table.text('needs').notNullable();
    table.text('matrix').nullable();
    table.text('definition').notNullable();
    table.string('environment').nullable();
    table.boolean('approval_required').notNullable().defaultTo(false);
    table.string('approval_decision', 16).nullable();
    table.string('approval_actor').nullable();
    table.text('approval_comment').nullable();
    table.string('approval_at', 32).nullable();
    table.integer('attempt').notNullable().defaultTo(1);
    table.boolean('cancel_requested').notNullable().defaultTo(false);
    table.string('heartbeat_at', 32).nullable();
    table.string('queued_at', 32).nullable();
    table.string('started_at', 32).nullable();
    table.string('finished_at', 32).nullable();
    table.index(['run_id', 'position'], 'pipelines_jobs_run_idx');
    table.index(['status'], 'pipelines_jobs_status_idx');
  });

  await knex.schema.createTable('pipelines_steps', table => {
    table.string('id', 36).primary().notNullable();
    table
      .string('job_id', 36)
      .notNullable()
      .references('id')
      .inTable('pipelines_jobs')
      .onDelete('CASCADE');
    table.integer('index').notNullable();
    table.string('name').notNullable();
    table.string('status', 16).notNullable();
    table.integer('exit_code').nullable();
    table.string('started_at', 32).nullable();
    table.string('finished_at', 32).nullable();
    table.integer('duration_ms').nullable();
    table.unique(['job_id', 'index'], {
      indexName: 'pipelines_steps_job_index_uq',
    });
  });

  await knex.schema.createTable('pipelines_artifacts', table => {
    table.string('id', 36).primary().notNullable();
    table
      .string('run_id', 36)
      .notNullable()
      .references('id')
      .inTable('pipelines_runs')
      .onDelete('CASCADE');
    table.string('job_id', 36).notNullable();
    table.integer('attempt').notNullable();
    table.string('path', 1024).notNullable();
    table.string('kind', 16).notNullable();
    table.string('storage_name', 2048).notNullable();
    table.bigInteger('size').notNullable();
    table.string('created_at', 32).notNullable();
    table.index(['run_id'], 'pipelines_artifacts_run_idx');
    table.index(['job_id'], 'pipelines_artifacts_job_idx');
  });

  await knex.schema.createTable('pipelines_secrets', table => {
    table.string('id', 36).primary().notNullable();
    // '' for a global secret, so the unique index also covers those
    table.string('entity_ref').notNullable().defaultTo('');
    table.string('name', 128).notNullable();
    table.text('encrypted_value').notNullable();
    table.string('updated_at', 32).notNullable();
    table.string('updated_by').notNullable();
    table.unique(['entity_ref', 'name'], {
      indexName: 'pipelines_secrets_scope_name_uq',
    });
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('pipelines_secrets');
  await knex.schema.dropTable('pipelines_artifacts');
  await knex.schema.dropTable('pipelines_steps');
  await knex.schema.dropTable('pipelines_jobs');
  await knex.schema.dropTable('pipelines_runs');
};
