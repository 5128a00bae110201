import { resolveRepository } from './resolveRepository';

const entity = (annotations: Record<string, string>) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'shop', annotations },
});

describe('resolveRepository', () => {
  it('takes a relative repository path from the data folder', () => {
    expect(
      resolveRepository(
        entity({ 'golive.dev/repository-url': 'demo-repos/shop-web' }),
        '/srv/data',
      ),
    ).toEqual({
      repositoryUrl: '/srv/data/demo-repos/shop-web',
      pipelinePath: '.golive/pipeline.yaml',
    });
  });

  it('keeps URLs and absolute paths as they are', () => {
    expect(
      resolveRepository(
        entity({ 'golive.dev/repository-url': 'file:///repos/a' }),
        '/d',
      )?.repositoryUrl,
    ).toBe('file:///repos/a');
    expect(
      resolveRepository(entity({ 'golive.dev/repository-url': '/r' }), '/d')
        ?.repositoryUrl,
    ).toBe('/r');
  });

  it('falls back to the source location and a custom pipeline path', () => {
    expect(
      resolveRepository(
        entity({
          'backstage.io/source-location':
            'url:https://github.com/acme/shop/tree/main/',
          'golive.dev/pipeline-path': 'ci/pipeline.yaml',
        }),
        '/d',
      ),
    ).toEqual({
      repositoryUrl: 'https://github.com/acme/shop',
      pipelinePath: 'ci/pipeline.yaml',
    });
  });

  it('finds nothing without annotations', () => {
    expect(resolveRepository(entity({}), '/d')).toBeUndefined();
  });

  it('takes the repository from an SCM provider slug annotation', () => {
    const github = {
      id: 'github',
      slugAnnotation: 'github.com/project-slug',
      repositoryUrlFromSlug: (slug: string) => `https://github.com/${slug}`,
      supports: () => true,
      setCommitStatus: async () => {},
    };
    expect(
      resolveRepository(
        entity({ 'github.com/project-slug': 'acme/shop' }),
        '/d',
        [github],
      ),
    ).toEqual({
      repositoryUrl: 'https://github.com/acme/shop',
      pipelinePath: '.golive/pipeline.yaml',
    });
    expect(
      resolveRepository(entity({ 'gitlab.com/project-slug': 'a/b' }), '/d', [
        github,
      ]),
    ).toBeUndefined();
  });
});
