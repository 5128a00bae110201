import { createApp } from '@backstage/frontend-defaults';
import appModuleUserSettings from '@backstage/plugin-app-module-user-settings';
import { plugins, shellModules } from './features';
import { signInModule } from './modules/signIn';

export default createApp({
  features: [
    ...plugins,
    ...shellModules,
    signInModule,
    // Keeps user settings, such as starred entities and the chosen theme, on
    // the backend instead of in one browser.
    appModuleUserSettings,
  ],
});
