import crypto from 'node:crypto';
import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { databaseUrlFor } from './postgres.js';

/**
 * A migrated database owned by one test file: a copy of the PGlite snapshot, or a fresh Postgres
 * database made from the template (the project, TEST_DB, says which).
 */
export async function createTestDatabase(): Promise<Database & { url?: string }> {
  if (process.env.TEST_DB !== 'postgres') {
    const snapshot = new Blob([fs.readFileSync(inject('pgliteSnapshot'))]);
    const pglite = await PGlite.create({ loadDataDir: snapshot });
    return openDatabase({ pglite, migrate: false });
  }
  const admin = process.env.TEST_DATABASE_URL!;
  const name = `cashview_t_${crypto.randomBytes(6).toString('hex')}`;
  await withAdmin(admin, async (client) => {
    // Copies from one template can collide while another copy is starting; try again briefly.
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`create database ${name} template ${inject('postgresTemplate')}`);
        return;
      } catch (error) {
        if (attempt >= 20 || !/being accessed by other users/.test(String(error))) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
      }
    }
  });
  const url = databaseUrlFor(admin, name);
  const database = await openDatabase({ databaseUrl: url, migrate: false });
  return {
    ...database,
    url,
    close: async () => {
      await database.close();
      await withAdmin(admin, (client) => client.query(`drop database if exists ${name} with (force)`));
    },
  };
}

async function withAdmin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
