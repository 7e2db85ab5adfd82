import { describe, expect, it } from 'vitest';
import { ItemRateLimiter } from '../../src/integrations/plaid/rate-limiter.js';

describe("Plaid's per-item limits, kept on CashView's side", () => {
  it('lets an item make its allowed calls, holds the next one until the window frees a slot, and forgets idle items', async () => {
    const limiter = new ItemRateLimiter({ '/accounts/balance/get': 2 }, Date.now, 200);
    const began = Date.now();
    await limiter.acquire('item-a', '/accounts/balance/get');
    await limiter.acquire('item-a', '/accounts/balance/get');
    await limiter.acquire('item-b', '/accounts/balance/get'); // another item has its own budget
    expect(Date.now() - began).toBeLessThan(150);
    await limiter.acquire('item-a', '/accounts/balance/get');
    expect(Date.now() - began).toBeGreaterThanOrEqual(195);
    await limiter.acquire('item-c', '/transactions/sync'); // no limit set: never held, never tracked
    expect(limiter.size).toBe(1); // item-b, idle for a whole window, is forgotten
    await new Promise((resolve) => setTimeout(resolve, 450));
    await limiter.acquire('item-d', '/accounts/balance/get');
    expect(limiter.size).toBe(1);
  });
});
