import { mockCredentials } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { PipelinesRepository } from '@golive/plugin-pipelines-node';
import { RepositoryEntities } from './RepositoryEntities';

const component = (
  name: string,
  annotations: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
});

const shop: PipelinesRepository = {
  provider: 'github',
  host: 'github.com',
  slug: 'acme/shop',
  url: 'https://github.com/acme/shop',
  cloneUrl: 'https://github.com/acme/shop.git',
};

describe('RepositoryEntities', () => {
  /** Backstage's in-memory catalog, counted, with entities added later. */
  const setup = (entities: Entity[]) => {
    let current = catalogServiceMock({ entities });
    const calls = { getEntities: 0 };
    const catalog = {
      getEntities: (...args: Parameters<CatalogService['getEntities']>) => {
        calls.getEntities += 1;
        return current.getEntities(...args);
      },
    } as CatalogService;
    const register = (entity: Entity) => {
      entities.push(entity);
      current = catalogServiceMock({ entities });
    };
    const clock = { now: 1_000_000 };
    const finder = RepositoryEntities.create({
      catalog,
      scmProviders: [
        {
          id: 'github',
          slugAnnotation: 'github.com/project-slug',
        } as any,
      ],
      clock: () => clock.now,
    });
    const find = async (repository = shop) =>
      (await finder.find({ credentials: mockCredentials.none(), repository }))
        .map(entity => entity.metadata.name)
        .sort();
    return { register, calls, clock, find };
  };

  it('finds entities by slug, source location and repository URL', async () => {
    const { find } = setup([
      component('by-slug', { 'github.com/project-slug': 'acme/shop' }),
      component('by-source', {
        'backstage.io/source-location':
          'url:https://github.com/acme/shop/tree/main/services/api/',
      }),
      component('by-url', {
        'golive.dev/repository-url': 'https://github.com/Acme/Shop.git',
      }),
      component('both', {
        'github.com/project-slug': 'acme/shop',
        'backstage.io/source-location': 'url:https://github.com/acme/shop/',
      }),
      component('other', {
        'github.com/project-slug': 'acme/shopping',
        'backstage.io/source-location': 'url:https://github.com/acme/shopping/',
      }),
      component('slug-case', { 'github.com/project-slug': 'ACME/shop' }),
    ]);

    expect(await find()).toEqual(['both', 'by-slug', 'by-source', 'by-url']);
  });

  it('reads the addresses of the catalog once a minute, not per delivery', async () => {
    const { find, calls, clock } = setup([
      component('by-source', {
        'backstage.io/source-location': 'url:https://github.com/acme/shop/',
      }),
    ]);

    expect(await find()).toEqual(['by-source']);
    const first = calls.getEntities;
    clock.now += 30_000;
    expect(await find()).toEqual(['by-source']);
    // the slug query only
    expect(calls.getEntities - first).toBe(1);

    clock.now += 31_000;
    await find();
    expect(calls.getEntities - first).toBe(3);
  });

  it('reads again at once when a delivery finds no entity', async () => {
    const { find, register, clock } = setup([
      component('old', {
        'backstage.io/source-location': 'url:https://github.com/acme/old/',
      }),
    ]);
    const fresh: PipelinesRepository = {
      provider: 'github',
      host: 'github.com',
      slug: 'acme/fresh',
      url: 'https://github.com/acme/fresh',
      cloneUrl: 'https://github.com/acme/fresh.git',
    };
    expect(await find(fresh)).toEqual([]);

    register(
      component('fresh', {
        'backstage.io/source-location': 'url:https://github.com/acme/fresh/',
      }),
    );

    // within the miss window the index is not read again
    clock.now += 1_000;
    expect(await find(fresh)).toEqual([]);
    clock.now += 5_000;
    expect(await find(fresh)).toEqual(['fresh']);
  });
});
