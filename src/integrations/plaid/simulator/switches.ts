import { simError, SimError } from './errors.js';

/**
 * What tests and benchmarks turn: latency per endpoint, errors for the next N calls, per-item rate
 * limits (Plaid production's by default), and mutations during /transactions/sync pagination.
 * The simulator also counts every call per item and minute, so a benchmark can read the peak.
 */
export const PRODUCTION_RATE_LIMITS: Record<string, number> = {
  '/accounts/balance/get': 5,
  '/accounts/get': 15,
  '/item/get': 15,
  '/transactions/sync': 50,
  '/item/remove': 30,
};

export class Switches {
  latencyMs = new Map<string, number>();
  defaultLatencyMs = 0;
  private failures = new Map<string, { remaining: number; code: string }[]>();
  rateLimits: Record<string, number> = { ...PRODUCTION_RATE_LIMITS };
  mutationsDuringPagination = 0;
  /** Delay from an item's creation until its transactions are ready (empty sync, next_cursor ""). */
  transactionsReadyAfterMs = 0;
  private calls = new Map<string, number[]>();
  peakPerItemPerMinute = new Map<string, number>();

  setLatency(endpoint: string | '*', ms: number) {
    if (endpoint === '*') this.defaultLatencyMs = ms;
    else this.latencyMs.set(endpoint, ms);
  }

  latencyFor(endpoint: string): number {
    return this.latencyMs.get(endpoint) ?? this.defaultLatencyMs;
  }

  /** The next `count` calls of `endpoint` fail with `code` (any Plaid error code, e.g. INSTITUTION_DOWN). */
  failNext(endpoint: string, code: string, count = 1) {
    const queue = this.failures.get(endpoint) ?? [];
    queue.push({ remaining: count, code });
    this.failures.set(endpoint, queue);
  }

  takeFailure(endpoint: string): SimError | null {
    const queue = this.failures.get(endpoint);
    const head = queue?.[0];
    if (!head) return null;
    head.remaining--;
    if (head.remaining <= 0) queue!.shift();
    return simError(head.code);
  }

  /** Counts the call against the item's minute; a 429 once past the endpoint's limit. */
  countCall(endpoint: string, itemId: string, now: number): SimError | null {
    const key = `${itemId} ${endpoint}`;
    const recent = (this.calls.get(key) ?? []).filter((at) => now - at < 60_000);
    recent.push(now);
    this.calls.set(key, recent);
    const peak = Math.max(this.peakPerItemPerMinute.get(endpoint) ?? 0, recent.length);
    this.peakPerItemPerMinute.set(endpoint, peak);
    const limit = this.rateLimits[endpoint];
    return limit !== undefined && recent.length > limit ? simError('RATE_LIMIT_EXCEEDED') : null;
  }

  reset() {
    this.latencyMs.clear();
    this.defaultLatencyMs = 0;
    this.failures.clear();
    this.rateLimits = { ...PRODUCTION_RATE_LIMITS };
    this.mutationsDuringPagination = 0;
    this.transactionsReadyAfterMs = 0;
    this.calls.clear();
    this.peakPerItemPerMinute.clear();
  }
}
