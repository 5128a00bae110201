import { SecretSummary } from '@golive/plugin-pipelines-common';
import { PipelinesApi } from '../api/PipelinesApi';
import { fakePipelinesApi } from './fakes';

/** A secrets backend in memory: values go in and never come out. */
export function fakeSecretStore(initial: SecretSummary[] = []) {
  const items = [...initial];
  const values = new Map<string, string>();
  const key = (name: string, entityRef?: string) =>
    `${entityRef ?? ''}/${name}`;
  const api: PipelinesApi = fakePipelinesApi({
    listSecrets: async entityRef => ({
      items: items.filter(item => item.entityRef === entityRef),
    }),
    putSecret: async (name, value, entityRef) => {
      values.set(key(name, entityRef), value);
      if (!items.some(i => i.name === name && i.entityRef === entityRef)) {
        items.push({
          name,
          entityRef,
          updatedAt: '2024-05-02T09:00:00Z',
          updatedBy: 'user:default/grace',
        });
      }
    },
    deleteSecret: async (name, entityRef) => {
      const index = items.findIndex(
        i => i.name === name && i.entityRef === entityRef,
      );
      items.splice(index, 1);
      values.delete(key(name, entityRef));
    },
  });
  return { api, values, key };
}
