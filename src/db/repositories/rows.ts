import type { SQL } from 'drizzle-orm';
import type { Db } from '../client.js';

/** The rows of a query written in SQL (node-postgres' result shape). */
export async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
