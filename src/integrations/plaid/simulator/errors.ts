import crypto from 'node:crypto';

/** Plaid's error body (PlaidError in Plaid's OpenAPI), thrown inside the simulator and answered as is. */
export class SimError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly code: string,
    message: string,
    readonly displayMessage: string | null = null,
  ) {
    super(message);
  }

  body() {
    return {
      error_type: this.type,
      error_code: this.code,
      error_message: this.message,
      display_message: this.displayMessage,
      request_id: requestId(),
      causes: [],
      status: this.status,
      documentation_url: `https://plaid.com/docs/errors/#${this.code.toLowerCase()}`,
      suggested_action: null,
    };
  }
}

export const requestId = () => crypto.randomBytes(8).toString('base64url').replace(/[-_]/g, 'Z').slice(0, 15);

/** The error every named code produces, as real Plaid would send it. */
const KNOWN: Record<string, [status: number, type: string, message: string, display: string | null]> = {
  INVALID_CREDENTIALS: [400, 'ITEM_ERROR', 'the provided credentials were not correct', 'The provided credentials were not correct. Please try again.'],
  INVALID_MFA: [400, 'ITEM_ERROR', 'the provided MFA response(s) were not correct', 'The provided MFA responses were not correct. Please try again.'],
  ITEM_LOCKED: [400, 'ITEM_ERROR', 'the account is locked. prompt the user to visit the institution site and unlock their account', 'The given credentials belong to a locked account. Please visit the bank to unlock it.'],
  ITEM_LOGIN_REQUIRED: [400, 'ITEM_ERROR', 'the login details of this item have changed (credentials, MFA, or required user action) and a user login is required to update this information.', "We couldn't access your account. Please log in again."],
  NO_ACCOUNTS: [400, 'ITEM_ERROR', 'no valid accounts were found for this item', 'No valid accounts were found at the bank. Please ensure you have a supported account.'],
  USER_SETUP_REQUIRED: [400, 'ITEM_ERROR', 'the account has not been fully set up. prompt the user to visit the issuing institution site and finish the setup process', 'Your account needs to be set up at the bank first.'],
  PRODUCT_NOT_READY: [400, 'ITEM_ERROR', 'the requested product is not yet ready. please provide a webhook or try the request again later', null],
  INSTITUTION_DOWN: [400, 'INSTITUTION_ERROR', 'this institution is not currently responding to this request. please try again soon', 'This bank is currently unavailable. Please try again later.'],
  INSTITUTION_NOT_RESPONDING: [400, 'INSTITUTION_ERROR', 'this institution is not currently responding to this request. please try again soon', 'This bank is currently unavailable. Please try again later.'],
  INTERNAL_SERVER_ERROR: [500, 'API_ERROR', 'an unexpected error occurred', null],
  RATE_LIMIT_EXCEEDED: [429, 'RATE_LIMIT_EXCEEDED', 'rate limit exceeded for attempts to access this item. please try again later', null],
  INVALID_ACCESS_TOKEN: [400, 'INVALID_INPUT', 'provided access token is in an invalid format. expected format: access-<environment>-<identifier>', null],
  INVALID_PUBLIC_TOKEN: [400, 'INVALID_INPUT', 'provided public token is expired. Public tokens expire 30 minutes after creation at which point they can no longer be exchanged', null],
  INVALID_LINK_TOKEN: [400, 'INVALID_INPUT', 'provided link token is expired or invalid', null],
  INVALID_API_KEYS: [400, 'INVALID_INPUT', 'invalid client_id or secret provided', null],
  INVALID_INSTITUTION: [400, 'INVALID_INPUT', 'invalid institution_id provided', null],
  TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION: [400, 'TRANSACTIONS_ERROR', 'Underlying transaction data changed since last page was fetched. Please restart pagination from last update.', null],
  INVALID_FIELD: [400, 'INVALID_REQUEST', 'a required field is missing or invalid', null],
  UNKNOWN_FIELDS: [400, 'INVALID_REQUEST', 'the following fields are not recognized by this endpoint', null],
  MISSING_FIELDS: [400, 'INVALID_REQUEST', 'the following required fields are missing', null],
  ITEM_NOT_FOUND: [400, 'ITEM_ERROR', 'the Item you requested cannot be found. This Item does not exist, has been previously removed via /item/remove, or has had access removed by the user', null],
  NOT_FOUND: [404, 'INVALID_REQUEST', 'not found', null],
};

export function simError(code: string, message?: string): SimError {
  const known = KNOWN[code] ?? [400, 'ITEM_ERROR', `the item could not be linked (${code.toLowerCase()})`, null];
  return new SimError(known[0], known[1], code, message ?? known[2], known[3]);
}
