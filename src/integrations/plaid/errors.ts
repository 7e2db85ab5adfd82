/**
 * A Plaid failure as CashView branches on it (plaid.md's table): the error_code, whether trying
 * again later can help, and what it means for the institution's status.
 */
export class PlaidApiError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly type: string,
    message: string,
    readonly displayMessage: string | null = null,
  ) {
    super(message);
    this.name = 'PlaidApiError';
  }

  get retryable(): boolean {
    return ruleFor(this.code).retry !== 'no';
  }
}

/** The SDK throws axios errors; this reads Plaid's error body, or names the network failure. */
export function toPlaidError(error: unknown): PlaidApiError {
  if (error instanceof PlaidApiError) return error;
  const e = error as { code?: string; message?: string; response?: { status: number; data?: Record<string, unknown> } };
  const data = e.response?.data;
  if (e.response && data && typeof data.error_code === 'string') {
    return new PlaidApiError(data.error_code, e.response.status, String(data.error_type), String(data.error_message ?? ''), (data.display_message as string | null) ?? null);
  }
  if (e.response) return new PlaidApiError(e.response.status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'UNEXPECTED_RESPONSE', e.response.status, 'API_ERROR', `Plaid answered ${e.response.status}`);
  if (e.code === 'ECONNABORTED' || e.code === 'ETIMEDOUT' || /timeout/i.test(e.message ?? '')) return new PlaidApiError('TIMEOUT', 0, 'NETWORK', 'Plaid did not answer in time');
  return new PlaidApiError('NETWORK_ERROR', 0, 'NETWORK', `Plaid could not be reached (${e.code ?? 'network error'})`);
}

export type InstitutionHealth = 'needs_relogin' | 'institution_down' | 'refresh_failed' | 'pending_disconnect';

/** What CashView does about one Plaid error code (plaid.md's table). */
export interface PlaidErrorRule {
  /** `quick`: again within the same call (backoff, full jitter); `later`: the job queue's retry; `no`: final. */
  retry: 'quick' | 'later' | 'no';
  /** Says the institution itself is unwell: counts toward its circuit breaker. */
  outage: boolean;
  /** The status the institution shows. */
  health: InstitutionHealth;
  /** What a person is told; never Plaid's internals. */
  message: string;
}

const OUTAGE: PlaidErrorRule = { retry: 'later', outage: true, health: 'institution_down', message: 'The bank is not responding right now. CashView will keep trying.' };
const LOGIN = (message: string): PlaidErrorRule => ({ retry: 'no', outage: false, health: 'needs_relogin', message });
const FINAL = (message: string): PlaidErrorRule => ({ retry: 'no', outage: false, health: 'refresh_failed', message });
const UNREACHABLE = 'The bank could not be reached. CashView will try again later.';
const TRANSIENT: PlaidErrorRule = { retry: 'quick', outage: false, health: 'refresh_failed', message: UNREACHABLE };

/** The one table of Plaid error codes: every rule about a code is read from here. */
const RULES: Record<string, PlaidErrorRule> = {
  INVALID_CREDENTIALS: LOGIN('The username or password is wrong. Check them and try again.'),
  INVALID_MFA: LOGIN('That verification code is not right. Try again.'),
  ITEM_LOCKED: LOGIN('Your account at this bank is locked. Unlock it on the bank’s site, then try again.'),
  ITEM_LOGIN_REQUIRED: LOGIN('This bank needs you to sign in again.'),
  NO_ACCOUNTS: FINAL('No supported accounts were found at this bank.'),
  USER_SETUP_REQUIRED: FINAL('Your account needs to be set up on the bank’s site first.'),
  INVALID_PUBLIC_TOKEN: FINAL('The link expired before it was finished. Please link the bank again.'),
  INVALID_API_KEYS: FINAL('CashView’s Plaid keys are not valid. The operator needs to fix the configuration.'),
  // Outages last minutes: no quick retry within the call; the circuit opens and the queue retries later.
  INSTITUTION_DOWN: OUTAGE,
  INSTITUTION_NOT_RESPONDING: OUTAGE,
  PLANNED_MAINTENANCE: OUTAGE,
  // No answer in time: tried again at once, and counted toward the bank's circuit (a bank that
  // keeps timing out is treated as down), but shown as a failed refresh: the slow part may be Plaid.
  TIMEOUT: { ...TRANSIENT, outage: true },
  PRODUCT_NOT_READY: { retry: 'later', outage: false, health: 'refresh_failed', message: 'The bank is still preparing your data. CashView will keep trying.' },
  RATE_LIMIT_EXCEEDED: { ...TRANSIENT, message: 'Too many requests to this bank just now. CashView will try again shortly.' },
  INTERNAL_SERVER_ERROR: TRANSIENT,
  NETWORK_ERROR: TRANSIENT,
};

export const ruleFor = (code: string): PlaidErrorRule => RULES[code] ?? FINAL(UNREACHABLE);

export const healthFor = (code: string): InstitutionHealth => ruleFor(code).health;

export const messageFor = (code: string): string => ruleFor(code).message;
