#!/usr/bin/env node
// The whole test suite, in the order a reviewer would read the results:
// type check, lint, formatting, unit and backend tests against the
// machine's PostgreSQL and Redis, then the end-to-end test in Chromium.
// Ends with one "N passed, N failed" line over every test that ran.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { checkServers } = require('./checkServers');

const root = path.resolve(__dirname, '..');
const results = path.join(root, 'test-results');

function run(title, command, args, env = {}) {
  console.log(`\n=== ${title}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const outcome = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = outcome.status === 0;
  console.log(`=== ${title}: ${ok ? 'ok' : 'FAILED'} in ${seconds} s`);
  return ok;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function countPlaywright(report) {
  let passed = 0;
  let failed = 0;
  const walk = suite => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        const statuses = (t.results ?? []).map(r => r.status);
        if (statuses.includes('passed')) passed += 1;
        else failed += 1;
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of report?.suites ?? []) walk(suite);
  return { passed, failed };
}

async function main() {
  fs.mkdirSync(results, { recursive: true });
  const servers = await checkServers();
  const serverEnv = {
    BACKSTAGE_TEST_DISABLE_DOCKER: '1',
    BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING: servers.postgresUrl,
    BACKSTAGE_TEST_CACHE_REDIS7_CONNECTION_STRING: servers.redisUrl,
  };

  const steps = [];
  const step = (title, ...rest) => steps.push([title, run(title, ...rest)]);

  step('type check', 'yarn', ['tsc']);
  step('lint', 'yarn', ['backstage-cli', 'repo', 'lint']);
  step('formatting', 'yarn', ['prettier', '--check', '.']);

  const jestReport = path.join(results, 'jest.json');
  fs.rmSync(jestReport, { force: true });
  step(
    'unit and backend tests',
    'yarn',
    [
      'backstage-cli',
      'repo',
      'test',
      '--ci',
      '--json',
      `--outputFile=${jestReport}`,
    ],
    { ...serverEnv, CI: 'true' },
  );

  step('app build', 'yarn', ['build:app']);
  const e2eReport = path.join(results, 'e2e.json');
  fs.rmSync(e2eReport, { force: true });
  step(
    'end-to-end tests',
    'yarn',
    ['playwright', 'test', '--reporter=list,json'],
    {
      PLAYWRIGHT_JSON_OUTPUT_NAME: e2eReport,
    },
  );

  const jest = readJson(jestReport);
  const e2e = countPlaywright(readJson(e2eReport));
  const passed = (jest?.numPassedTests ?? 0) + e2e.passed;
  const failed = (jest?.numFailedTests ?? 0) + e2e.failed;

  console.log('\n=== summary');
  console.log(
    `PostgreSQL: ${servers.postgresUrl} (${servers.postgresVersion})`,
  );
  console.log(`Redis: ${servers.redisUrl} (${servers.redisVersion})`);
  for (const [title, ok] of steps) {
    console.log(`${ok ? 'ok    ' : 'FAILED'} ${title}`);
  }
  console.log(`Screenshots: ${path.relative(root, results)}/e2e/screenshots`);
  const allOk = steps.every(([, ok]) => ok);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(allOk && failed === 0 ? 0 : 1);
}

main().catch(error => {
  console.error(`golive: ${error.message}`);
  process.exit(1);
});
