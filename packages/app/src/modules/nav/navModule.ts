import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { NavContentBlueprint } from '@backstage/plugin-app-react';
import { Sidebar } from './Sidebar';

const sidebar = NavContentBlueprint.make({
  params: { component: Sidebar },
});

export const navModule = createFrontendModule({
  pluginId: 'app',
  extensions: [sidebar],
});
