#!/usr/bin/env node
// Starts the portal on embedded defaults: builds the frontend when its
// sources changed since the last build, then runs the backend, which serves
// the app and the API at http://localhost:7007.
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const appDist = path.join(root, 'packages/app/dist/index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(dir, entry.name);
    const mtime = entry.isDirectory()
      ? newestMtime(full)
      : fs.statSync(full).mtimeMs;
    newest = Math.max(newest, mtime);
  }
  return newest;
}

function appIsStale() {
  if (!fs.existsSync(appDist)) return true;
  const built = fs.statSync(appDist).mtimeMs;
  const sources = [path.join(root, 'packages/app'), path.join(root, 'plugins')]
    .filter(fs.existsSync)
    .map(newestMtime);
  return Math.max(...sources) > built;
}

if (appIsStale()) {
  console.log('golive: building the frontend (a minute or two)');
  const build = spawnSync('yarn', ['build:app'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

console.log('golive: starting the portal; open http://localhost:7007');
const backend = spawn(
  'yarn',
  ['workspace', 'backend', 'serve', ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => backend.kill(signal));
}
backend.on('exit', code => process.exit(code ?? 1));
