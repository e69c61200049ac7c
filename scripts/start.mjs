#!/usr/bin/env node
// `npm start`: builds the web app when it is missing or older than its sources, then runs the service.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const dist = path.join(root, 'web', 'dist', 'index.html');

function newest(dir) {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
  }
  return latest;
}

const sources = [
  path.join(root, 'web', 'src'),
  path.join(root, 'web', 'index.html'),
  path.join(root, 'web', 'vite.config.ts'),
  path.join(root, 'web', 'public'),
  // pure station modules the map imports, so the phone answers as the server does
  path.join(root, 'src', 'domains', 'stations'),
];
const sourceTime = Math.max(
  ...sources
    .filter((p) => fs.existsSync(p))
    .map((p) => (fs.statSync(p).isDirectory() ? newest(p) : fs.statSync(p).mtimeMs)),
);
if (!fs.existsSync(dist) || fs.statSync(dist).mtimeMs < sourceTime) {
  console.log('[unioncare] building the web app (first start or changed sources)…');
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('[unioncare] the web app failed to build; the API still starts, the pages will not be served');
  }
}

const server = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src', 'server.ts')], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
