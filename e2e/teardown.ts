import fs from 'node:fs';
import { stopBuiltinPostgres } from '../src/db/builtin-postgres.js';

/** After the browser tests: the server's built-in PostgreSQL stopped (if the server did not stop it) and its data removed. */
export default async function teardown() {
  const dataDir = process.env.CASHVIEW_E2E_DATA_DIR;
  if (!dataDir) return;
  await stopBuiltinPostgres(dataDir);
  fs.rmSync(dataDir, { recursive: true, force: true });
}
