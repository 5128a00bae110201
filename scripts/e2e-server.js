#!/usr/bin/env node
// Starts the portal for the end-to-end tests: embedded defaults, a fresh
// data folder and the port given as the first argument. The app must have
// been built (`yarn build:app`); the backend serves it.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const port = Number(process.argv[2] ?? 7107);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'golive-e2e-'));
const baseUrl = `http://localhost:${port}`;

const child = spawn('yarn', ['workspace', 'backend', 'serve'], {
  cwd: path.resolve(__dirname, '..'),
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
  },
});

const stop = () => child.kill('SIGTERM');
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
child.on('exit', code => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(code ?? 1);
});
