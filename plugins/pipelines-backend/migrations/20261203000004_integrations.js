// @ts-check

/**
 * Git hosts and external CI: the webhook inbox, the commit status outbox,
 * external runs in the runs table and the sync state of their sources.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('pipelines_webhook_inbox', table => {
    table.comment('Verified webhook deliveries, processed asynchronously');
    table.string('id', 36).primary().notNullable();
    table.string('provider', 64).notNullable();
    table.string('delivery_id', 255).notNullable();
    table.string('event', 128).nullable();
    table.text('events').notNullable().comment('Parsed events as JSON');
    table
      .string('status', 16)
      .notNullable()
      .comment('pending, processing, done, failed');
    table.integer('attempts').notNullable().defaultTo(0);
    table.text('error').nullable();
    table
      .text('started')
      .notNullable()
      .defaultTo('[]')
      .comment('Entity refs whose runs this delivery already started');
    table.string('created_at', 32).notNullable();
    table.string('claimed_at', 32).nullable();
    table.string('next_attempt_at', 32).nullable();
    table.string('processed_at', 32).nullable();
    table.unique(['provider', 'delivery_id'], {
      indexName: 'pipelines_webhook_inbox_delivery_uq',
    });
    table.index(['status', 'next_attempt_at'], 'pipelines_webhook_inbox_idx');
  });

  await knex.schema.createTable('pipelines_commit_statuses', table => {
    table.comment('Commit statuses to post to git hosts, one per run state');
    table.string('id', 36).primary().notNullable();
    table.string('run_id', 36).notNullable();
    table.string('provider', 64).notNullable();
    table.string('state', 16).notNullable();
    table.integer('rank').notNullable().comment('Later states rank higher');
    table.string('repository_url', 2048).notNullable();
    table.string('sha', 64).notNullable();
    table.string('context', 255).notNullable();
    table.string('description', 255).notNullable();
    table.string('target_url', 2048).notNullable();
    table
      .string('status', 16)
      .notNullable()
      .comment('pending, sending, delivered, superseded, failed');
    table.integer('attempts').notNullable().defaultTo(0);
    table.text('last_error').nullable();
    table.string('next_attempt_at', 32).notNullable();
    table.string('claimed_at', 32).nullable();
    table.string('created_at', 32).notNullable();
    table.string('delivered_at', 32).nullable();
    table.unique(['run_id', 'provider', 'state'], {
      indexName: 'pipelines_commit_statuses_uq',
    });
    table.index(
      ['status', 'next_attempt_at'],
      'pipelines_commit_statuses_due_idx',
    );
  });

  await knex.schema.alterTable('pipelines_runs', table => {
    table.string('provider', 64).notNullable().defaultTo('golive');
    table.string('source_key', 512).nullable();
    table.string('source_label', 512).nullable();
    table.string('external_id', 255).nullable();
    table.string('url', 2048).nullable();
    table.dropUnique(
      ['entity_ref', 'number'],
      'pipelines_runs_entity_number_uq',
    );
  });
  // GoLive numbers its own runs per entity; an external run is one row per
  // id within its source (GitHub Actions numbers repeat across workflows).
  await knex.raw(
    `CREATE UNIQUE INDEX pipelines_runs_entity_number_uq
       ON pipelines_runs (entity_ref, number) WHERE provider = 'golive'`,
  );
  await knex.schema.alterTable('pipelines_runs', table => {
    table.unique(['entity_ref', 'provider', 'source_key', 'external_id'], {
      indexName: 'pipelines_runs_external_uq',
    });
    table.index(['provider'], 'pipelines_runs_provider_idx');
  });

  await knex.schema.createTable('pipelines_external_sources', table => {
    table.comment('Sync state of each source of external CI runs');
    table.string('provider', 64).notNullable();
    table.string('entity_ref', 255).notNullable();
    table.string('source_key', 512).notNullable();
    table.string('source_label', 512).notNullable();
    table.string('last_attempt_at', 32).nullable();
    table.string('last_success_at', 32).nullable();
    table.text('last_error').nullable();
    table.integer('failures').notNullable().defaultTo(0);
    table.string('next_retry_at', 32).nullable();
    table.primary(
      ['provider', 'entity_ref', 'source_key'],
      'pipelines_external_sources_pk',
    );
    table.index(['entity_ref'], 'pipelines_external_sources_entity_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('pipelines_external_sources');
  await knex('pipelines_runs').whereNot({ provider: 'golive' }).delete();
  await knex.schema.alterTable('pipelines_runs', table => {
    table.dropIndex(['provider'], 'pipelines_runs_provider_idx');
    table.dropUnique(
      ['entity_ref', 'provider', 'source_key', 'external_id'],
      'pipelines_runs_external_uq',
    );
  });
  await knex.raw('DROP INDEX pipelines_runs_entity_number_uq');
  await knex.schema.alterTable('pipelines_runs', table => {
    table.dropColumn('url');
    table.dropColumn('external_id');
    table.dropColumn('source_label');
    table.dropColumn('source_key');
    table.dropColumn('provider');
    table.unique(['entity_ref', 'number'], {
      indexName: 'pipelines_runs_entity_number_uq',
    });
  });
  await knex.schema.dropTable('pipelines_commit_statuses');
  await knex.schema.dropTable('pipelines_webhook_inbox');
};
