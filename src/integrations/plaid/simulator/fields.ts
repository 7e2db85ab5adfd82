import { simError } from './errors.js';

/**
 * The request fields Plaid's OpenAPI document (API version 2020-09-14) defines for each endpoint the
 * simulator serves: required ones, every allowed top-level one, and those allowed in `options`.
 * Plaid refuses a field it does not define (UNKNOWN_FIELDS) and reports missing ones
 * (MISSING_FIELDS); so does the simulator, so that a request CashView built wrongly fails here first.
 */
interface Fields {
  required: string[];
  allowed: string[];
  options?: string[];
}

const KEYS = ['client_id', 'secret'];

export const PLAID_FIELDS: Record<string, Fields> = {
  '/link/token/create': {
    required: ['client_name', 'language', 'country_codes'],
    allowed: [
      ...['client_name', 'language', 'country_codes', 'user', 'user_id', 'products', 'required_if_supported_products', 'optional_products'],
      ...['additional_consented_products', 'webhook', 'access_token', 'access_tokens', 'link_customization_name', 'appearance_mode', 'redirect_uri'],
      ...['android_package_name', 'institution_data', 'card_switch', 'account_filters', 'eu_config', 'institution_id', 'payment_configuration'],
      ...['payment_initiation', 'employment', 'income_verification', 'base_report', 'credit_partner_insights', 'cra_options'],
      ...['consumer_report_permissible_purpose', 'auth', 'transfer', 'update', 'identity_verification', 'statements', 'third_party_user_token'],
      ...['investments', 'investments_auth', 'hosted_link', 'transactions', 'cashflow_report', 'cra_enabled', 'identity', 'financekit_supported'],
      ...['enable_multi_item_link', 'user_token'],
    ],
  },
  '/sandbox/public_token/create': {
    required: ['institution_id', 'initial_products'],
    allowed: ['institution_id', 'initial_products', 'options', 'user_token', 'user_id'],
    options: ['webhook', 'override_username', 'override_password', 'transactions', 'statements', 'income_verification'],
  },
  '/item/public_token/exchange': { required: ['public_token'], allowed: ['public_token'] },
  '/item/get': { required: ['access_token'], allowed: ['access_token'] },
  '/institutions/get_by_id': {
    required: ['institution_id', 'country_codes'],
    allowed: ['institution_id', 'country_codes', 'options'],
    options: ['include_optional_metadata', 'include_status', 'include_auth_metadata', 'include_payment_initiation_metadata'],
  },
  '/accounts/get': { required: ['access_token'], allowed: ['access_token', 'options'], options: ['account_ids'] },
  '/accounts/balance/get': { required: ['access_token'], allowed: ['access_token', 'options'], options: ['account_ids', 'min_last_updated_datetime'] },
  '/transactions/sync': {
    required: ['access_token'],
    allowed: ['access_token', 'cursor', 'count', 'options'],
    options: ['include_original_description', 'include_personal_finance_category', 'include_logo_and_counterparty_beta', 'personal_finance_category_version', 'days_requested', 'account_id'],
  },
  '/item/remove': { required: ['access_token'], allowed: ['access_token', 'reason_code', 'reason_note'] },
  '/sandbox/item/reset_login': { required: ['access_token'], allowed: ['access_token'] },
  '/sandbox/item/fire_webhook': { required: ['access_token', 'webhook_code'], allowed: ['access_token', 'webhook_type', 'webhook_code'] },
  '/webhook_verification_key/get': { required: ['key_id'], allowed: ['key_id'] },
};

/** Refuses a body with a field Plaid does not define, or without one it requires, as Plaid words it. */
export function checkFields(path: string, body: Record<string, unknown>): void {
  const fields = PLAID_FIELDS[path];
  if (!fields) return; // the simulator's own endpoints (not Plaid's API)
  const unknown = Object.keys(body).filter((key) => !KEYS.includes(key) && !fields.allowed.includes(key));
  const options = body.options;
  if (options && typeof options === 'object' && !Array.isArray(options) && fields.options) {
    unknown.push(...Object.keys(options).filter((key) => !fields.options!.includes(key)).map((key) => `options.${key}`));
  }
  if (unknown.length > 0) throw simError('UNKNOWN_FIELDS', `the following fields are not recognized by this endpoint: ${unknown.join(', ')}`);
  const missing = fields.required.filter((key) => body[key] === undefined || body[key] === null);
  if (missing.length > 0) throw simError('MISSING_FIELDS', `the following required fields are missing: ${missing.join(', ')}`);
}
