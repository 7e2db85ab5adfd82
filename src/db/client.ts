import path from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { projectRoot } from '../project-root.js';
import * as schema from './schema/index.js';
import { startBuiltinPostgres } from './builtin-postgres.js';
import { importFromPglite } from './pglite-import.js';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** CashView's database: PostgreSQL, the built-in server or the one DATABASE_URL names (decision 016). */
export interface Database {
  db: Db;
  pool: pg.Pool;
  /** Where it is, for tools and child processes (tests, the benchmark). */
  url: string;
  /** True on the built-in server that this data directory holds. */
  builtin: boolean;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export const migrationsFolder = path.join(projectRoot, 'src', 'db', 'migrations');

export interface OpenOptions {
  /** A PostgreSQL server of the operator's; without it, the built-in one in `dataDir`. */
  databaseUrl?: string;
  dataDir?: string;
  migrate?: boolean;
  /** Progress of slow first-start work (creating the built-in server, moving data from PGlite). */
  log?: (message: string) => void;
  /** Connections in the pool (10). */
  poolSize?: number;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  const log = options.log ?? (() => {});
  if (options.databaseUrl) {
    const database = connect(options.databaseUrl, false, options.poolSize, async () => {});
    if (options.migrate !== false) await runMigrations(database).catch(closeAndThrow(database));
    return database;
  }
  const dataDir = options.dataDir ?? 'data';
  const server = await startBuiltinPostgres({ dataDir, log });
  const database = connect(server.url, true, options.poolSize, () => server.release());
  try {
    if (options.migrate !== false) {
      await runMigrations(database);
      await importFromPglite(dataDir, database.pool, migrationsFolder, log);
    }
  } catch (error) {
    return closeAndThrow(database)(error);
  }
  return database;
}

const closeAndThrow = (database: Database) => async (error: unknown) => {
  await database.close().catch(() => undefined);
  throw error;
};

function connect(url: string, builtin: boolean, poolSize = 10, afterClose: () => Promise<void>): Database {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5_000 });
  // An idle client losing its connection (Postgres restarting) must not crash the process.
  pool.on('error', () => undefined);
  const db = drizzle(pool, { schema }) as unknown as Db;
  let closed: Promise<void> | undefined;
  return {
    db,
    pool,
    url,
    builtin,
    ping: () => ping(db),
    close: () => (closed ??= pool.end().finally(afterClose)),
  };
}

async function ping(db: Db): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}

export async function runMigrations(database: Database): Promise<void> {
  // Several instances may start at once against one Postgres: one migrates at a time.
  const client = await database.pool.connect();
  try {
    await client.query('select pg_advisory_lock(7243911)');
    await migrate(drizzle(client) as never, { migrationsFolder });
  } finally {
    await client.query('select pg_advisory_unlock(7243911)').catch(() => undefined);
    client.release();
  }
}
