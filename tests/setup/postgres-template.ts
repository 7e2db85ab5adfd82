import crypto from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/client.js';
import { startQueue } from '../../src/jobs/queue.js';
import { databaseUrlFor } from '../helpers/postgres.js';

/** Migrates a template database once; every test file is given a copy made from it. */
export default async function setup(project: TestProject) {
  const admin = process.env.TEST_DATABASE_URL!;
  const template = `cashview_tpl_${crypto.randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`create database ${template}`);
  const database = await openDatabase({ databaseUrl: databaseUrlFor(admin, template) });
  await (await startQueue(database)).stop();
  await database.close();
  project.provide('postgresTemplate', template);
  return async () => {
    await client.query(`drop database if exists ${template} with (force)`);
    await client.end();
  };
}
