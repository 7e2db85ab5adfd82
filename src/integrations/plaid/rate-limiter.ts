/**
 * Keeps CashView under Plaid's per-item limits (plaid.md: calls per minute per item). A call
 * waits for a free slot in its item's sliding minute instead of being refused. Per process:
 * several instances share the job queue, so one item's calls stay with one worker at a time.
 */
export const PER_ITEM_LIMITS: Record<string, number> = {
  '/accounts/balance/get': 5,
  '/accounts/get': 15,
  '/item/get': 15,
  '/transactions/sync': 50,
  '/item/remove': 30,
};

export class ItemRateLimiter {
  private windows = new Map<string, number[]>();
  private lastSweep = 0;

  constructor(
    private limits: Record<string, number> = PER_ITEM_LIMITS,
    private now: () => number = Date.now,
    private windowMs = 60_000,
  ) {}

  async acquire(itemKey: string, endpoint: string): Promise<void> {
    const limit = this.limits[endpoint];
    if (limit === undefined) return;
    const key = `${itemKey} ${endpoint}`;
    for (;;) {
      const now = this.now();
      this.sweep(now);
      const recent = (this.windows.get(key) ?? []).filter((at) => now - at < this.windowMs);
      if (recent.length < limit) {
        recent.push(now);
        this.windows.set(key, recent);
        return;
      }
      this.windows.set(key, recent);
      await new Promise((resolve) => setTimeout(resolve, this.windowMs - (now - recent[0]!) + 5));
    }
  }

  /** Forgets items with no call in the last window, at most once a window: a long-running process over many items stays small. */
  private sweep(now: number) {
    if (now - this.lastSweep < this.windowMs) return;
    this.lastSweep = now;
    for (const [key, calls] of this.windows) if (now - calls[calls.length - 1]! >= this.windowMs) this.windows.delete(key);
  }

  /** Items currently tracked (for tests). */
  get size(): number {
    return this.windows.size;
  }
}
