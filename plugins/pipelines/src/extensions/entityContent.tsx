import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';

export const cicdEntityContent = EntityContentBlueprint.make({
  name: 'cicd',
  params: {
    path: 'ci-cd',
    title: 'CI/CD',
    group: 'development',
    filter: { kind: 'component' },
    loader: () =>
      import('../components/EntityCicdContent').then(m => (
        <m.EntityCicdContent />
      )),
  },
});
