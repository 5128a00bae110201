import { createBackend } from '@backstage/backend-defaults';
import { describeStartupFailure } from './describeStartupFailure';
import { goLivePlatformPlugin } from './goLivePlatformPlugin';

const backend = createBackend();

backend.add(goLivePlatformPlugin);

backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-auth-backend-module-github-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('@golive/plugin-permission-backend-module-golive-rbac'));

backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));

backend.add(import('@backstage/plugin-events-backend'));
backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.add(import('@golive/plugin-pipelines-backend'));
backend.add(import('@golive/plugin-pipelines-backend-module-github'));
backend.add(import('@golive/plugin-pipelines-backend-module-gitlab'));
backend.add(import('@golive/plugin-pipelines-backend-module-bitbucket'));
backend.add(import('@golive/plugin-pipelines-backend-module-jenkins'));

backend.start().catch(error => {
  process.stderr.write(`${describeStartupFailure(error)}\n`);
  process.exit(1);
});
