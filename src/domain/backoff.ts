/**
 * CashView's one backoff rule: a wait that doubles with each attempt from `baseMs`, never past
 * `capMs`. Retries of calls to others (Plaid, revocations) take it with full jitter, so many
 * clients retrying at once spread out; waits CashView imposes itself (the sign-in slow-down, an
 * open circuit) take it as it is, so a person is told an exact time.
 */
export const exponentialMs = (attempt: number, baseMs: number, capMs: number) => Math.min(capMs, baseMs * 2 ** attempt);

/** A uniformly random wait up to the exponential one ("full jitter"). */
export const jitteredMs = (attempt: number, baseMs: number, capMs: number, random = Math.random) => random() * exponentialMs(attempt, baseMs, capMs);
