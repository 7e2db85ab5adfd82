import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrationsFolder } from '../../src/db/client.js';
import { importFromPglite } from '../../src/db/pglite-import.js';
import { createTestDatabase } from '../helpers/database.js';
import { rowsOf } from '../helpers/sql.js';

// The move from a 0.1 (PGlite) data directory, when it fails half-way: nothing of it stays in the
// new database, the old files are untouched, and the next start moves everything.
// (tests/system/upgrade-from-pglite.test.ts runs the whole upgrade through `npm start`.)
let database: Awaited<ReturnType<typeof createTestDatabase>>;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cashview-import-'));
const log: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const tar = spawnSync('tar', ['-x', '-C', dataDir], { input: zlib.brotliDecompressSync(fs.readFileSync('tests/fixtures/pglite-data-dir-v0.1.tar.br')) });
  expect(tar.status, String(tar.stderr)).toBe(0);
}, 60_000);
afterAll(async () => {
  await database?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const count = async (table: string) => Number((await rowsOf(database.db, sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n);

it('rolls everything back when a table cannot be copied, keeps the old files, and succeeds on the next try', async () => {
  // A column the old rows cannot fill: the transactions table refuses them.
  await database.db.execute(sql`alter table transactions add column cannot_be_filled text not null`);
  await expect(importFromPglite(dataDir, database.pool, migrationsFolder, (m) => log.push(m))).rejects.toThrow(/nothing was changed and the old files are untouched/);
  for (const table of ['users', 'items', 'accounts', 'transactions', 'budget_trackers', 'notifications']) expect(await count(table), table).toBe(0);
  expect(fs.existsSync(path.join(dataDir, 'pglite', 'PG_VERSION'))).toBe(true);

  await database.db.execute(sql`alter table transactions drop column cannot_be_filled`);
  expect(await importFromPglite(dataDir, database.pool, migrationsFolder, (m) => log.push(m))).toBe(true);
  expect(await count('users')).toBe(1);
  expect(await count('budget_trackers')).toBe(2);
  expect(await count('transactions')).toBeGreaterThan(100);
  expect(fs.existsSync(path.join(dataDir, 'pglite'))).toBe(false);
  expect(fs.existsSync(path.join(dataDir, 'pglite-before-postgres', 'PG_VERSION'))).toBe(true);
  expect(log.join('\n')).toMatch(/transactions: \d+ rows/);
}, 120_000);
