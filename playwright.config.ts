import { defineConfig } from '@playwright/test';

// The portal under test runs on its own port and its own data folder, so it
// never collides with a portal started by `./golive start`.
const port = Number(process.env.GOLIVE_E2E_PORT ?? 7107);
const baseURL = `http://localhost:${port}`;

export default defineConfig({
  testDir: 'e2e',
  timeout: 90_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: [['list'], ['junit', { outputFile: 'test-results/e2e/junit.xml' }]],
  outputDir: 'test-results/e2e/artifacts',
  webServer: {
    command: `node scripts/e2e-server.js ${port}`,
    url: `${baseURL}/.backstage/health/v1/readiness`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
  },
  use: {
    baseURL,
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
