import { defineConfig } from '@playwright/test';
import type { FakeJenkinsOptions } from './e2e/support/fakeJenkins';

// The portal under test runs on its own port and its own data folder, so it
// never collides with a portal started by `./golive start`. The fake Jenkins
// it reads builds from is steered through a control server on the next port.
const port = Number(process.env.GOLIVE_E2E_PORT ?? 7107);
const baseURL = `http://localhost:${port}`;
const jenkinsControlPort = Number(
  process.env.GOLIVE_E2E_JENKINS_CONTROL_PORT ?? port + 1,
);

export default defineConfig<FakeJenkinsOptions>({
  testDir: 'e2e',
  timeout: 90_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: [['list'], ['junit', { outputFile: 'test-results/e2e/junit.xml' }]],
  outputDir: 'test-results/e2e/artifacts',
  webServer: {
    command: `node scripts/e2e-server.js ${port} ${jenkinsControlPort}`,
    url: `${baseURL}/.backstage/health/v1/readiness`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    // SIGTERM lets the script stop the backend and the fake Jenkins and
    // remove its data folder; SIGKILL, the default, would leave the folder.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 20_000 },
  },
  use: {
    baseURL,
    jenkinsControlUrl: `http://127.0.0.1:${jenkinsControlPort}`,
    screenshot: 'only-on-failure',
    video: 'retain-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.GOLIVE_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
      ],
    },
  },
});
