/**
 * Runs `work` over the items with at most `limit` at a time; one failing never stops the others,
 * and each failure is handed to `failed` (to be counted and logged, never dropped).
 */
export async function forEachLimit<T>(items: T[], limit: number, work: (item: T) => Promise<void>, failed: (item: T, error: unknown) => void): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await work(item).catch((error: unknown) => failed(item, error));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
}
