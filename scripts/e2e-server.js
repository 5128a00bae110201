#!/usr/bin/env node
// Starts the portal for the end-to-end tests: embedded defaults, a fresh
// data folder and the port given as the first argument. The app must have
// been built (`yarn build:app`); the backend serves it.
//
// Before the backend, it starts a fake Jenkins on 127.0.0.1 (the Jenkins
// module's test double, with the builds of e2e/fakeJenkins/seedJenkins.ts)
// and its control server on the port given as the second argument (default:
// the portal's port + 1). The backend gets e2e/app-config.e2e.yaml on top of
// app-config.yaml, with the fake's address and API token in its environment.
// Both stop when the backend exits or this script is told to stop.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

// The fake Jenkins is TypeScript, loaded the way the backend loads its own
require('@backstage/cli/config/nodeTransform.cjs');
const { startE2eJenkins } = require('../e2e/fakeJenkins/startE2eJenkins');

const root = path.resolve(__dirname, '..');
const port = Number(process.argv[2] ?? 7107);
const jenkinsControlPort = Number(process.argv[3] ?? port + 1);
const baseUrl = `http://localhost:${port}`;

async function main() {
  const e2eJenkins = await startE2eJenkins({ controlPort: jenkinsControlPort });
  const { jenkins } = e2eJenkins;
  console.log(
    `e2e: fake Jenkins at ${jenkins.baseUrl}, its control at ${e2eJenkins.controlUrl}`,
  );

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'golive-e2e-'));
  const child = spawn(
    'yarn',
    [
      'workspace',
      'backend',
      'serve',
      '--config',
      path.join(root, 'app-config.yaml'),
      '--config',
      path.join(root, 'e2e', 'app-config.e2e.yaml'),
    ],
    {
      cwd: root,
      stdio: 'inherit',
      env: {
        ...process.env,
        APP_CONFIG_app_baseUrl: baseUrl,
        APP_CONFIG_backend_baseUrl: baseUrl,
        APP_CONFIG_backend_listen_port: String(port),
        APP_CONFIG_backend_cors_origin: baseUrl,
        APP_CONFIG_backend_database_connection_directory: path.join(
          dataDir,
          'sqlite',
        ),
        APP_CONFIG_golive_dataDirectory: dataDir,
        GOLIVE_E2E_JENKINS_URL: jenkins.baseUrl,
        GOLIVE_E2E_JENKINS_HOST: jenkins.host,
        GOLIVE_E2E_JENKINS_USERNAME: jenkins.username,
        GOLIVE_E2E_JENKINS_API_KEY: jenkins.apiKey,
      },
    },
  );

  const stop = () => child.kill('SIGTERM');
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  child.on('exit', code => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    e2eJenkins.stop().finally(() => process.exit(code ?? 1));
  });
}

main().catch(error => {
  console.error(`e2e: the portal could not start: ${error.stack ?? error}`);
  process.exit(1);
});
