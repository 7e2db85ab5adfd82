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
    return RETRYABLE.has(this.code);
  }
}

const RETRYABLE = new Set([
  'INTERNAL_SERVER_ERROR',
  'RATE_LIMIT_EXCEEDED',
  'INSTITUTION_DOWN',
  'INSTITUTION_NOT_RESPONDING',
  'PRODUCT_NOT_READY',
  'PLANNED_MAINTENANCE',
  'NETWORK_ERROR',
  'TIMEOUT',
]);

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

export function healthFor(code: string): InstitutionHealth {
  if (code === 'ITEM_LOGIN_REQUIRED' || code === 'INVALID_CREDENTIALS' || code === 'ITEM_LOCKED') return 'needs_relogin';
  if (code === 'INSTITUTION_DOWN' || code === 'INSTITUTION_NOT_RESPONDING' || code === 'PLANNED_MAINTENANCE') return 'institution_down';
  return 'refresh_failed';
}

/** What a person is told; never Plaid's internals. */
export function messageFor(code: string): string {
  switch (code) {
    case 'INVALID_CREDENTIALS':
      return 'The username or password is wrong. Check them and try again.';
    case 'INVALID_MFA':
      return 'That verification code is not right. Try again.';
    case 'ITEM_LOCKED':
      return 'Your account at this bank is locked. Unlock it on the bank’s site, then try again.';
    case 'ITEM_LOGIN_REQUIRED':
      return 'This bank needs you to sign in again.';
    case 'NO_ACCOUNTS':
      return 'No supported accounts were found at this bank.';
    case 'USER_SETUP_REQUIRED':
      return 'Your account needs to be set up on the bank’s site first.';
    case 'INSTITUTION_DOWN':
    case 'INSTITUTION_NOT_RESPONDING':
    case 'PLANNED_MAINTENANCE':
      return 'The bank is not responding right now. CashView will keep trying.';
    case 'PRODUCT_NOT_READY':
      return 'The bank is still preparing your data. CashView will keep trying.';
    case 'RATE_LIMIT_EXCEEDED':
      return 'Too many requests to this bank just now. CashView will try again shortly.';
    case 'INVALID_PUBLIC_TOKEN':
      return 'The link expired before it was finished. Please link the bank again.';
    case 'INVALID_API_KEYS':
      return 'CashView’s Plaid keys are not valid. The operator needs to fix the configuration.';
    default:
      return 'The bank could not be reached. CashView will try again later.';
  }
}
