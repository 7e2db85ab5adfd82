import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';

/**
 * The upgrade from CashView 0.1, whose built-in database was PGlite (`<data dir>/pglite`), to the
 * built-in PostgreSQL (decision 016). At the first start of the new version, before anything else
 * touches the new database: the old one is brought up to the current migrations, then every table
 * of the public schema is copied row for row, exactly (through JSON, so no value passes through a
 * JavaScript type), in one transaction that also checks every table's row count. Sealed tokens are
 * copied as they are and the encryption key stays where it was, so they stay readable. Only when
 * that transaction has committed is the old folder renamed to `pglite-before-postgres` (kept, not
 * deleted). A failure rolls everything back and leaves the old data as it was; the next start tries again.
 * Jobs waiting in the old queue are not carried over: the daily job and the next refresh redo them.
 *
 * PGlite is loaded only here, and only when there is an old folder to read.
 */
export const PGLITE_DIR = 'pglite';
export const KEPT_DIR = 'pglite-before-postgres';

const BATCH_ROWS = 2_000;

export async function importFromPglite(dataDir: string, pool: pg.Pool, migrationsFolder: string, log: (message: string) => void): Promise<boolean> {
  const source = path.join(dataDir, PGLITE_DIR);
  if (!fs.existsSync(path.join(source, 'PG_VERSION'))) return false;
  const target = await pool.connect();
  try {
    const { rows } = await target.query<{ moved: boolean }>('select exists (select 1 from users) as moved');
    if (rows[0]!.moved) {
      // Committed earlier; the process stopped before the rename.
      keepOld(dataDir, log);
      return false;
    }
    log('Moving your data from the previous built-in database (PGlite) to PostgreSQL. This happens once.');
    const { PGlite } = await import('@electric-sql/pglite');
    const { drizzle } = await import('drizzle-orm/pglite');
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
    const old = await PGlite.create(source, { extensions: { pg_trgm } });
    try {
      await migrate(drizzle(old), { migrationsFolder });
      const tables = await tablesInOrder(target);
      const counts = new Map<string, number>();
      for (const table of tables) {
        const { rows: countRows } = await old.query<{ n: number }>(`select count(*)::int as n from "${table}"`);
        counts.set(table, countRows[0]!.n);
      }
      const total = [...counts.values()].reduce((a, b) => a + b, 0);
      let moved = 0;
      await target.query('begin');
      try {
        // The rows arrive as they were: no foreign key checks in between, no triggers (the data
        // version a trigger would bump is copied with the users row).
        await target.query('set local session_replication_role = replica');
        for (const table of tables) {
          const expected = counts.get(table)!;
          if (expected === 0) continue;
          // Generated columns (a transaction's shown category) are computed again, never copied.
          const columns = (await writableColumns(target, table)).map((c) => `"${c}"`).join(', ');
          await old.exec('begin');
          await old.query(`declare rows_out no scroll cursor for select row_to_json(t)::text as j from "${table}" t`);
          for (;;) {
            const batch = await old.query<{ j: string }>(`fetch ${BATCH_ROWS} from rows_out`);
            if (batch.rows.length === 0) break;
            await target.query(`insert into "${table}" (${columns}) select ${columns} from json_populate_recordset(null::"${table}", $1::json)`, [`[${batch.rows.map((r) => r.j).join(',')}]`]);
            moved += batch.rows.length;
            if (total >= 20_000) log(`  ${Math.floor((moved / total) * 100)} % (${moved} of ${total} rows)`);
          }
          await old.exec('close rows_out; commit');
          const { rows: copied } = await target.query<{ n: number }>(`select count(*)::int as n from "${table}"`);
          if (copied[0]!.n !== expected) throw new Error(`${table}: ${copied[0]!.n} rows copied of ${expected}`);
          log(`  ${table}: ${expected} rows`);
        }
        await resetSequences(target);
        await target.query('commit');
      } catch (error) {
        await target.query('rollback').catch(() => undefined);
        throw error;
      }
      log(`Moved ${moved} rows.`);
    } finally {
      await old.close();
    }
    keepOld(dataDir, log);
    return true;
  } catch (error) {
    throw new Error(`Your data could not be moved from the previous built-in database; nothing was changed and the old files are untouched (${source}). ${(error as Error).message}`, { cause: error });
  } finally {
    target.release();
  }
}

function keepOld(dataDir: string, log: (message: string) => void) {
  const kept = path.join(dataDir, KEPT_DIR);
  fs.rmSync(kept, { recursive: true, force: true });
  fs.renameSync(path.join(dataDir, PGLITE_DIR), kept);
  log(`The previous database's files are kept in ${kept}; delete that folder once you have checked your data.`);
}

async function writableColumns(client: pg.PoolClient, table: string): Promise<string[]> {
  const { rows } = await client.query<{ column_name: string }>(
    `select column_name from information_schema.columns where table_schema = 'public' and table_name = $1 and is_generated = 'NEVER' order by ordinal_position`,
    [table],
  );
  return rows.map((r) => r.column_name);
}

/** Public tables, every table after the ones it refers to (the copy needs no order with triggers off, but a person reading the log does). */
async function tablesInOrder(client: pg.PoolClient): Promise<string[]> {
  const { rows } = await client.query<{ table_name: string }>(
    `select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  const { rows: refs } = await client.query<{ child: string; parent: string }>(
    `select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent
       from pg_constraint c where c.contype = 'f' and c.connamespace = 'public'::regnamespace`,
  );
  const names = rows.map((r) => r.table_name);
  const ordered: string[] = [];
  const visit = (name: string, path: Set<string>) => {
    if (ordered.includes(name) || path.has(name)) return;
    path.add(name);
    for (const ref of refs) if (ref.child.replaceAll('"', '') === name) visit(ref.parent.replaceAll('"', ''), path);
    ordered.push(name);
  };
  for (const name of names) visit(name, new Set());
  return ordered.filter((name) => names.includes(name));
}

/** Sequences behind serial and identity columns continue after the copied rows. */
async function resetSequences(client: pg.PoolClient) {
  const { rows } = await client.query<{ table_name: string; column_name: string }>(
    `select table_name, column_name from information_schema.columns
      where table_schema = 'public' and (column_default like 'nextval(%' or is_identity = 'YES')`,
  );
  for (const { table_name, column_name } of rows) {
    await client.query(
      `select setval(pg_get_serial_sequence($1, $2), coalesce((select max("${column_name}") from "${table_name}"), 1), (select count(*) > 0 from "${table_name}"))`,
      [`"${table_name}"`, column_name],
    );
  }
}
