import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoSession, freePort, healthy, startServer } from '../system/server-process.js';

// Restarts the machine's Postgres under load, so it runs alone (`.ci/run`, after `npm test`),
// with PG_RESTART_COMMAND saying how to restart it here.
const admin = process.env.TEST_DATABASE_URL!;
const restart = process.env.PG_RESTART_COMMAND!;
const name = `cashview_restart_${process.pid}`;
const url = Object.assign(new URL(admin), { pathname: `/${name}` }).toString();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cashview-pgrestart-'));

async function admin_(query: string) {
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(query);
  await client.end();
}
beforeAll(() => admin_(`create database ${name}`));
afterAll(async () => {
  await admin_(`drop database if exists ${name} with (force)`);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('survives a Postgres restart under load: 503 meanwhile, recovered by itself', async () => {
  const port = await freePort();
  const server = startServer(dataDir, port, { DATABASE_URL: url });
  expect(await healthy(port, Date.now() + 90_000), server.output()).toBe(true);
  const { cookie } = await demoSession(port);
  const statuses: (number | string)[] = [];
  let stop = false;
  const load = (async () => {
    while (!stop) {
      statuses.push(await fetch(`http://127.0.0.1:${port}/api/dashboard`, { headers: { cookie } }).then((r) => r.status, (e: Error) => e.message));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  // Asynchronously, so the load keeps coming while Postgres is down.
  await promisify(execFile)('sh', ['-c', restart]);
  // Recovered by itself: dashboards answer 200 again within 30 s, with no restart of CashView.
  const deadline = Date.now() + 30_000;
  let recovered = false;
  while (!recovered && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    recovered = statuses.slice(-5).length === 5 && statuses.slice(-5).every((s) => s === 200);
  }
  stop = true;
  await load;
  const counts = statuses.reduce<Record<string, number>>((all, s) => ({ ...all, [s]: (all[s] ?? 0) + 1 }), {});
  console.log('answers while Postgres restarted:', counts);
  expect(recovered, JSON.stringify(statuses.slice(-20))).toBe(true);
  expect(server.child.exitCode).toBeNull(); // the process survived
  const unexpected = statuses.filter((s) => s !== 200 && s !== 503);
  expect(unexpected, 'only 200 and 503 while Postgres restarts').toEqual([]);
  expect(counts['503'] ?? 0, 'requests while Postgres was down were told to retry').toBeGreaterThan(0);
  server.child.kill('SIGTERM');
  expect(await server.exited).toBe(0);
}, 180_000);
