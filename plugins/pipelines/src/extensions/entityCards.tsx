import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';

export const latestRunEntityCard = EntityCardBlueprint.make({
  name: 'latest-run',
  params: {
    type: 'content',
    filter: { kind: 'component' },
    loader: () =>
      import('../components/LatestRunCard').then(m => <m.LatestRunCard />),
  },
});
