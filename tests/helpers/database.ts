import crypto from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { databaseUrlFor } from './postgres.js';

/**
 * A migrated database owned by one test file, made from the run's template on the run's
 * PostgreSQL (the built-in one started for the run, or TEST_DATABASE_URL's: tests/setup/postgres-template.ts).
 * Closing it drops it.
 */
export async function createTestDatabase(): Promise<Database> {
  const admin = inject('testDatabaseUrl');
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
  const database = await openDatabase({ databaseUrl: databaseUrlFor(admin, name), migrate: false });
  return {
    ...database,
    close: async () => {
      await database.close();
      await withAdmin(admin, (client) => client.query(`drop database if exists ${name} with (force)`));
    },
  };
}

export async function withAdmin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
