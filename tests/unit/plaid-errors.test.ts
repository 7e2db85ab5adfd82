import { describe, expect, it } from 'vitest';
import { healthFor, messageFor, PlaidApiError, ruleFor } from '../../src/integrations/plaid/errors.js';

// One table says, for each Plaid error code, whether to retry (and how soon), whether it is an
// outage, the status shown and the message: these are the rules plaid.md gives, read from it.
describe('the table of Plaid error codes', () => {
  it.each([
    ['INSTITUTION_DOWN', 'later', true, 'institution_down'],
    ['INSTITUTION_NOT_RESPONDING', 'later', true, 'institution_down'],
    ['PLANNED_MAINTENANCE', 'later', true, 'institution_down'],
    ['TIMEOUT', 'quick', true, 'refresh_failed'],
    ['PRODUCT_NOT_READY', 'later', false, 'refresh_failed'],
    ['RATE_LIMIT_EXCEEDED', 'quick', false, 'refresh_failed'],
    ['INTERNAL_SERVER_ERROR', 'quick', false, 'refresh_failed'],
    ['NETWORK_ERROR', 'quick', false, 'refresh_failed'],
    ['ITEM_LOGIN_REQUIRED', 'no', false, 'needs_relogin'],
    ['INVALID_CREDENTIALS', 'no', false, 'needs_relogin'],
    ['ITEM_LOCKED', 'no', false, 'needs_relogin'],
    ['NO_ACCOUNTS', 'no', false, 'refresh_failed'],
    ['INVALID_API_KEYS', 'no', false, 'refresh_failed'],
    ['SOMETHING_NEW', 'no', false, 'refresh_failed'],
  ] as const)('%s: retry %s, outage %s, shown as %s', (code, retry, outage, health) => {
    expect(ruleFor(code)).toMatchObject({ retry, outage, health });
    expect(healthFor(code)).toBe(health);
    expect(new PlaidApiError(code, 400, 'X', 'x').retryable).toBe(retry !== 'no');
    expect(messageFor(code)).toMatch(/\.$/);
  });

  it('tells a person what is happening, never Plaid’s internals', () => {
    expect(messageFor('INSTITUTION_DOWN')).toBe(messageFor('PLANNED_MAINTENANCE'));
    expect(messageFor('ITEM_LOGIN_REQUIRED')).toMatch(/sign in again/);
    expect(messageFor('SOMETHING_NEW')).not.toMatch(/SOMETHING_NEW/);
  });
});
