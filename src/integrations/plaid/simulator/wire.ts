import { simError } from './errors.js';
import { findInstitution } from './fixtures.js';
import type { SimTransaction } from './history.js';
import type { SimAccount, SimItem } from './items.js';

/** Accounts, items and transactions as Plaid's API writes them (checked by the contract tests). */
export function accountWire(account: SimAccount) {
  return {
    account_id: account.accountId,
    balances: { available: account.available, current: account.current, limit: account.limit, iso_currency_code: 'USD', unofficial_currency_code: null },
    mask: account.mask,
    name: account.name,
    official_name: account.officialName,
    type: account.type,
    subtype: account.subtype,
    persistent_account_id: account.accountId,
  };
}

export function itemWire(item: SimItem) {
  const institution = findInstitution(item.institutionId)!;
  return {
    item_id: item.itemId,
    institution_id: item.institutionId,
    institution_name: institution.name,
    webhook: item.webhook,
    auth_method: null,
    error: item.state === 'login_required' ? simError('ITEM_LOGIN_REQUIRED').body() : null,
    available_products: ['balance', 'identity'],
    billed_products: ['transactions'],
    products: ['transactions'],
    consented_products: ['transactions'],
    consent_expiration_time: null,
    update_type: 'background',
  };
}

export function transactionWire(txn: SimTransaction) {
  return {
    account_id: txn.account_id,
    amount: txn.amount,
    iso_currency_code: txn.iso_currency_code,
    unofficial_currency_code: null,
    category: txn.category,
    category_id: null,
    check_number: null,
    date: txn.date,
    datetime: null,
    authorized_date: txn.authorized_date,
    authorized_datetime: null,
    location: { address: null, city: null, region: null, postal_code: null, country: null, lat: null, lon: null, store_number: null },
    name: txn.name,
    merchant_name: txn.merchant_name,
    merchant_entity_id: null,
    logo_url: null,
    website: null,
    payment_meta: { by_order_of: null, payee: null, payer: null, payment_method: null, payment_processor: null, ppd_id: null, reason: null, reference_number: null },
    payment_channel: txn.channel,
    pending: txn.pending,
    pending_transaction_id: txn.pending_transaction_id,
    account_owner: null,
    transaction_id: txn.transaction_id,
    transaction_code: null,
    transaction_type: txn.channel === 'online' ? 'digital' : txn.channel === 'in store' ? 'place' : 'special',
    personal_finance_category: { primary: txn.primary, detailed: txn.detailed, confidence_level: 'VERY_HIGH' },
  };
}
