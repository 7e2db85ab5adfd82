import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startBuiltinPostgres } from '../../src/db/builtin-postgres.js';
import { openDatabase } from '../../src/db/client.js';
import { startQueue } from '../../src/jobs/queue.js';
import { databaseUrlFor } from '../helpers/postgres.js';

/**
 * The run's PostgreSQL: TEST_DATABASE_URL's, or else the built-in server started once for the run
 * (in a scratch folder, without fsync). A template database is migrated once, ours and pg-boss's
 * tables; every test file is given a copy made from it.
 */
export default async function setup(project: TestProject) {
  let admin = process.env.TEST_DATABASE_URL;
  let stopServer = async () => {};
  if (!admin) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cashview-test-pg-'));
    fs.chmodSync(dataDir, 0o755); // as root, the server's own user must be able to enter it
    const server = await startBuiltinPostgres({ dataDir, durable: false });
    admin = server.url;
    stopServer = async () => {
      await server.release();
      fs.rmSync(dataDir, { recursive: true, force: true });
    };
  }
  const template = `cashview_tpl_${crypto.randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`create database ${template}`);
  const database = await openDatabase({ databaseUrl: databaseUrlFor(admin, template) });
  await (await startQueue(database)).stop();
  await database.close();
  project.provide('testDatabaseUrl', admin);
  project.provide('postgresTemplate', template);
  return async () => {
    await client.query(`drop database if exists ${template} with (force)`);
    await client.end();
    await stopServer();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabaseUrl: string;
    postgresTemplate: string;
  }
}
