import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { builtinUrl, stopBuiltinPostgres } from '../../src/db/builtin-postgres.js';
import { demoSession, freePort, healthy, outputShows, startServer } from './server-process.js';

// A data directory written by CashView 0.1 (PGlite) — made by running that version: `npm start`,
// the demo signed in, budgets set on two accounts, `npm run jobs:daily` (tests/fixtures/README.md) —
// started on this version: every row moves to the built-in PostgreSQL, sealed tokens stay readable.
const fixture = path.resolve('tests/fixtures/pglite-data-dir-v0.1.tar.br');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cashview-upgrade-'));
const servers: ReturnType<typeof startServer>[] = [];
const before = new Map<string, number>();

beforeAll(async () => {
  const tar = spawnSync('tar', ['-x', '-C', dataDir], { input: zlib.brotliDecompressSync(fs.readFileSync(fixture)) });
  expect(tar.status, String(tar.stderr)).toBe(0);
  const old = await PGlite.create(path.join(dataDir, 'pglite'));
  const { rows } = await old.query<{ table_name: string }>(`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`);
  for (const { table_name } of rows) before.set(table_name, (await old.query<{ n: number }>(`select count(*)::int as n from "${table_name}"`)).rows[0]!.n);
  await old.close();
});
afterAll(async () => {
  for (const server of servers) server.child.kill('SIGKILL');
  await stopBuiltinPostgres(dataDir);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('moves every row of a 0.1 data directory into the built-in PostgreSQL, once, keeping the old files', async () => {
  expect(before.get('users')).toBe(1);
  expect(before.get('budget_trackers')).toBe(2);
  expect(before.get('notifications')).toBe(2);
  expect(before.get('transactions')).toBeGreaterThan(100);

  const port = await freePort();
  const server = startServer(dataDir, port, { LOG_LEVEL: 'info' });
  servers.push(server);
  expect(await healthy(port), server.output()).toBe(true);
  expect(server.output()).toMatch(/Moving your data from the previous built-in database/);
  expect(server.output()).toMatch(/transactions: \d+ rows/);

  // Every table, row for row.
  const client = new pg.Client({ connectionString: builtinUrl(dataDir)! });
  await client.connect();
  try {
    for (const [table, count] of before) {
      const { rows } = await client.query<{ n: number }>(`select count(*)::int as n from "${table}"`);
      expect(rows[0]!.n, table).toBe(count);
    }
  } finally {
    await client.end();
  }
  expect(fs.existsSync(path.join(dataDir, 'pglite'))).toBe(false);
  expect(fs.existsSync(path.join(dataDir, 'pglite-before-postgres', 'PG_VERSION'))).toBe(true);

  // The person signs in with their old password and finds their budgets and notifications.
  const { cookie, csrf } = await demoSession(port);
  const get = async (url: string) => (await fetch(`http://127.0.0.1:${port}${url}`, { headers: { cookie } })).json() as Promise<Record<string, never>>;
  const dashboard = (await get('/api/dashboard')) as unknown as { institutions: { id: string; refreshedAt: string; accounts: { budgetTracker: unknown }[] }[] };
  expect(dashboard.institutions.flatMap((i) => i.accounts).filter((a) => a.budgetTracker).length).toBe(2);
  expect(((await get('/api/notifications')) as unknown as { notifications: unknown[] }).notifications.length).toBe(2);

  // A refresh unseals the bank's access token with the kept key and reaches the bank with it.
  const institution = dashboard.institutions[0]!;
  const refresh = await fetch(`http://127.0.0.1:${port}/api/institutions/${institution.id}/refresh`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' }, body: '{}' });
  expect(refresh.status).toBe(202);
  let refreshedAt = institution.refreshedAt;
  for (let i = 0; i < 300 && refreshedAt === institution.refreshedAt; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    refreshedAt = ((await get('/api/dashboard')) as unknown as typeof dashboard).institutions[0]!.refreshedAt;
  }
  expect(refreshedAt).not.toBe(institution.refreshedAt);

  // Started again, nothing moves twice.
  server.child.kill('SIGTERM');
  expect(await server.exited).toBe(0);
  const again = startServer(dataDir, port, { LOG_LEVEL: 'info' });
  servers.push(again);
  expect(await healthy(port), again.output()).toBe(true);
  expect(await outputShows(again.output, /CashView is ready/)).toBe(true);
  expect(again.output()).not.toMatch(/Moving your data/);
  again.child.kill('SIGTERM');
  expect(await again.exited).toBe(0);
}, 400_000);
