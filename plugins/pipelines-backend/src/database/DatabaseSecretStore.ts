import type { SecretsCipher } from '@golive/platform-node';
import type { SecretSummary } from '@golive/plugin-pipelines-common';
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { now } from './rows';

const SECRETS = 'pipelines_secrets';

/**
 * Encrypted secrets, global (`entityRef` absent) or per entity. Values only
 * come out decrypted through {@link DatabaseSecretStore.resolve}, for jobs.
 */
export class DatabaseSecretStore {
  private constructor(
    private readonly db: Knex,
    private readonly cipher: SecretsCipher,
  ) {}

  static create(options: { db: Knex; cipher: SecretsCipher }) {
    return new DatabaseSecretStore(options.db, options.cipher);
  }

  async put(options: {
    name: string;
    value: string;
    entityRef?: string;
    actor: string;
  }): Promise<{ created: boolean }> {
    const scope = options.entityRef ?? '';
    const encrypted = this.cipher.encrypt(options.value);
    const updated = await this.db(SECRETS)
      .where({ entity_ref: scope, name: options.name })
      .update({
        encrypted_value: encrypted,
        updated_at: now(),
        updated_by: options.actor,
      });
    if (updated) return { created: false };
    await this.db(SECRETS)
      .insert({
        id: randomUUID(),
        entity_ref: scope,
        name: options.name,
        encrypted_value: encrypted,
        updated_at: now(),
        updated_by: options.actor,
      })
      .onConflict(['entity_ref', 'name'])
      .merge(['encrypted_value', 'updated_at', 'updated_by']);
    return { created: true };
  }

  async list(entityRef?: string): Promise<SecretSummary[]> {
    const rows = await this.db(SECRETS)
      .where({ entity_ref: entityRef ?? '' })
      .orderBy('name')
      .select('name', 'entity_ref', 'updated_at', 'updated_by');
    return rows.map(row => ({
      name: row.name,
      entityRef: row.entity_ref || undefined,
      updatedAt: row.updated_at,
      updatedBy: row.updated_by,
    }));
  }

  async delete(name: string, entityRef?: string): Promise<boolean> {
    const count = await this.db(SECRETS)
      .where({ entity_ref: entityRef ?? '', name })
      .delete();
    return count > 0;
  }

  /**
   * Decrypts the named secrets for a job: a secret of the entity wins over
   * a global one of the same name. Names without a value are left out.
   */
  async resolve(
    names: string[],
    entityRef: string,
  ): Promise<Record<string, string>> {
    if (!names.length) return {};
    const rows = await this.db(SECRETS)
      .whereIn('name', names)
      .whereIn('entity_ref', ['', entityRef]);
    const values: Record<string, string> = {};
    for (const row of [...rows].sort((a, b) =>
      a.entity_ref.localeCompare(b.entity_ref),
    )) {
      values[row.name] = this.cipher.decrypt(row.encrypted_value);
    }
    return values;
  }
}
