// Before `npm start` and the operator commands: build the web app (dist/web) and the server
// (dist/server) when missing or older than their sources. `--server` builds only the server.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const targets = [
  { name: 'the web app (dist/web)', built: 'dist/web/index.html', sources: ['src/web', 'src/shared', 'vite.config.ts'], command: ['npx', 'vite', 'build', '--logLevel', 'warn'] },
  { name: 'the server (dist/server)', built: 'dist/server/main.js', sources: ['src', 'scripts/build-server.mjs'], skip: ['src/web'], command: ['node', 'scripts/build-server.mjs'] },
];
const onlyServer = process.argv.includes('--server');

function newest(p, skip) {
  if (skip.includes(p)) return 0;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...fs.readdirSync(p).map((name) => newest(path.join(p, name), skip)));
}

for (const target of targets) {
  if (onlyServer && !target.built.startsWith('dist/server')) continue;
  const sources = [...target.sources, 'package-lock.json'];
  const stale = !fs.existsSync(target.built) || Math.max(...sources.map((s) => newest(s, target.skip ?? []))) > fs.statSync(target.built).mtimeMs;
  if (!stale) continue;
  console.log(`Building ${target.name}…`);
  const result = spawnSync(target.command[0], target.command.slice(1), { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
