import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { builtinUrl, startBuiltinPostgres, type BuiltinPostgres } from '../../src/db/builtin-postgres.js';
import { PlaidSimulator } from '../../src/integrations/plaid/simulator/server.js';
import { demoSession, freePort, healthy, outputShows, startServer } from './server-process.js';

// README, "Running on more than one machine": two web processes and one worker on one PostgreSQL
// (here a built-in one started by the test and reached through DATABASE_URL, as another machine would).
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cashview-roles-'));
const servers: ReturnType<typeof startServer>[] = [];
let postgres: BuiltinPostgres;
let plaid: PlaidSimulator;
let env: Record<string, string>;

beforeAll(async () => {
  fs.chmodSync(dataDir, 0o755);
  postgres = await startBuiltinPostgres({ dataDir, durable: false });
  // One simulated Plaid for all, as the real one would be.
  plaid = await PlaidSimulator.start();
  // Every process needs the same key to read what another sealed; the daily job every minute.
  env = {
    DATABASE_URL: builtinUrl(dataDir)!,
    PLAID_SIM_URL: plaid.url,
    CASHVIEW_ENCRYPTION_KEY: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
    DAILY_JOB_CRON: '* * * * *',
    LOG_LEVEL: 'info',
  };
}, 120_000);
afterAll(async () => {
  for (const server of servers) server.child.kill('SIGKILL');
  await plaid?.close();
  await postgres?.release();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const api = (port: number, cookie: string, csrf?: string) => async (method: string, url: string, body?: object) => {
  const response = await fetch(`http://127.0.0.1:${port}${url}`, {
    method,
    headers: { cookie, ...(csrf && { 'x-csrf-token': csrf }), ...(body && { 'content-type': 'application/json' }) },
    body: body && JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json().catch(() => null)) as Record<string, never> };
};

it('serves from two web processes and works jobs in one worker: sign-outs, dashboards and the daily job agree', async () => {
  const ports = [await freePort(), await freePort(), await freePort()];
  const [webA, webB] = [0, 1].map((i) => startServer(path.join(dataDir, `web-${i}`), ports[i]!, { ...env, CASHVIEW_ROLE: 'web' }));
  const worker = startServer(path.join(dataDir, 'worker'), ports[2]!, { ...env, CASHVIEW_ROLE: 'worker' });
  servers.push(webA!, webB!, worker);
  expect(await healthy(ports[0]!), webA!.output()).toBe(true);
  expect(await healthy(ports[1]!), webB!.output()).toBe(true);
  expect(await outputShows(worker.output, /running jobs \(worker role\)/, 1, Date.now() + 120_000), worker.output()).toBe(true);

  // The same session on both web processes; a refresh queued on A is done by the worker.
  const { cookie, csrf } = await demoSession(ports[0]!);
  const onA = api(ports[0]!, cookie, csrf);
  const onB = api(ports[1]!, cookie, csrf);
  const before = (await onA('GET', '/api/dashboard')).body as unknown as { institutions: { id: string; refreshedAt: string }[] };
  expect((await onA('POST', `/api/institutions/${before.institutions[0]!.id}/refresh`, {})).status).toBe(202);
  let refreshed = false;
  for (let i = 0; i < 300 && !refreshed; i++) {
    const now = (await onB('GET', '/api/dashboard')).body as unknown as typeof before;
    refreshed = now.institutions[0]!.refreshedAt !== before.institutions[0]!.refreshedAt;
    if (!refreshed) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(refreshed, worker.output()).toBe(true);
  // Both web processes show the same dashboard.
  expect(JSON.stringify((await onA('GET', '/api/dashboard')).body)).toBe(JSON.stringify((await onB('GET', '/api/dashboard')).body));

  // A sign-out on A is refused at once on B.
  expect((await onA('DELETE', '/api/session')).status).toBe(204);
  expect((await onB('GET', '/api/dashboard')).status).toBe(401);

  // The daily schedule runs in the worker only, once per minute across all processes.
  expect(await outputShows(worker.output, /daily job done/, 1, Date.now() + 150_000), worker.output()).toBe(true);
  expect(webA!.output() + webB!.output()).not.toMatch(/daily job done/);
  const firstRun = worker.output().match(/"day":"[^"]+"/g)?.length ?? 0;
  expect(firstRun).toBe(1);
}, 400_000);
