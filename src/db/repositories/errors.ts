/** Postgres' unique_violation, however the driver or Drizzle wrapped it. */
export function isUniqueViolation(error: unknown): boolean {
  for (let e = error as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505') return true;
  }
  return false;
}

/** Runs an insert … returning; null instead of an error when a unique key says the row exists. */
export async function insertOrNull<T>(insert: () => Promise<T[]>): Promise<T | null> {
  try {
    const [row] = await insert();
    return row ?? null;
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}
