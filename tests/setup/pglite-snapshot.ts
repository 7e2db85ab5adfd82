import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/client.js';
import { startQueue } from '../../src/jobs/queue.js';

/** Migrates one PGlite (ours and pg-boss's tables) once and saves it; every test file loads its own copy of the snapshot. */
export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cashview-snapshot-'));
  const pglite = await PGlite.create();
  const database = await openDatabase({ pglite });
  // The job queue's tables are part of the snapshot too, so no file creates them again.
  await (await startQueue(database)).stop();
  const dump = await pglite.dumpDataDir('none');
  const file = path.join(dir, 'migrated.tar');
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  project.provide('pgliteSnapshot', file);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteSnapshot: string;
    postgresTemplate: string;
  }
}
