import { createFrontendModule } from '@backstage/frontend-plugin-api';
import homePlugin from '@backstage/plugin-home/alpha';
import {
  HomePageLayoutBlueprint,
  HomePageWidgetBlueprint,
} from '@backstage/plugin-home-react/alpha';

const homePage = homePlugin.getExtension('page:home').override({
  // The home page is where GoLive opens.
  params: { path: '/' },
});

const layout = HomePageLayoutBlueprint.make({
  params: {
    loader: () => import('./HomePageLayout').then(m => m.HomePageLayout),
  },
});

const welcome = HomePageWidgetBlueprint.make({
  name: 'welcome',
  params: {
    name: 'GoLiveWelcome',
    title: 'What is GoLive?',
    description: 'What GoLive does and which of its parts are installed',
    components: () =>
      import('./WelcomeCard').then(m => ({ Content: m.WelcomeCard })),
  },
});

const findYourWay = HomePageWidgetBlueprint.make({
  name: 'find-your-way',
  params: {
    name: 'GoLiveFindYourWay',
    title: 'How to find your way',
    description: 'A short tour of the places in the sidebar',
    components: () =>
      import('./FindYourWayCard').then(m => ({ Content: m.FindYourWayCard })),
  },
});

const yourComponents = HomePageWidgetBlueprint.make({
  name: 'your-components',
  params: {
    name: 'GoLiveYourComponents',
    title: 'Your components',
    description: 'Components owned by you or your teams',
    components: () =>
      import('./YourComponentsCard').then(m => ({
        Content: m.YourComponentsCard,
      })),
  },
});

// Stock widgets that do not help a GoLive newcomer: a joke, world clocks,
// a link list pointing at backstage.io, and visit lists whose tracking is
// off. Plugins' own widgets (search bar, starred entities, unread
// notifications) stay.
const hiddenStockWidgets = [
  'home-page-widget:home/random-joke',
  'home-page-widget:home/world-clock',
  'home-page-widget:home/toolkit',
  'home-page-widget:home/most-visited',
  'home-page-widget:home/recently-visited',
] as const;

export const homeModule = createFrontendModule({
  pluginId: 'home',
  extensions: [
    homePage,
    layout,
    welcome,
    findYourWay,
    yourComponents,
    ...hiddenStockWidgets.map(id =>
      homePlugin.getExtension(id).override({ disabled: true }),
    ),
  ],
});
