import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { ServiceDeps } from '../../src/services/deps.js';
import { signUp } from '../../src/services/users/profile.js';
import { uniqueName } from './agent.js';

/**
 * A person with one checking account and a tracker on it, written straight into the database
 * (no Plaid needed): what the notification tests start from.
 */
export async function personWithTracker(
  deps: ServiceDeps,
  options: { profileType?: 'sandbox' | 'production'; phone?: string; nextOn: string; thresholdCents?: number; frequencyDays?: number; timeZone?: string },
) {
  const user = await signUp(deps, {
    username: uniqueName('budget'),
    password: 'a long and private phrase',
    firstName: 'Budget',
    lastName: 'Keeper',
    phone: options.phone ?? '+14155550100',
    profileType: options.profileType ?? 'production',
    timeZone: options.timeZone ?? 'UTC',
  }, { skipPolicy: true });
  const itemId = crypto.randomUUID();
  const accountId = crypto.randomUUID();
  const trackerId = crypto.randomUUID();
  await deps.db.execute(sql`insert into items (id, user_id, status, name) values (${itemId}, ${user.id}, 'ready', 'Fixture Bank')`);
  await deps.db.execute(sql`insert into accounts (id, item_id, user_id, plaid_account_id, name, type, subtype, currency, available_cents, current_cents)
    values (${accountId}, ${itemId}, ${user.id}, ${`acc-${accountId}`}, 'Everyday Checking', 'depository', 'checking', 'USD', 10000, 11000)`);
  await deps.db.execute(sql`insert into budget_trackers (id, account_id, user_id, threshold_cents, frequency_days, next_notification_on)
    values (${trackerId}, ${accountId}, ${user.id}, ${options.thresholdCents ?? 200000}, ${options.frequencyDays ?? 7}, ${options.nextOn})`);
  return { user, itemId, accountId, trackerId };
}

export async function addSpending(deps: ServiceDeps, itemId: string, accountId: string, date: string, amountCents: number, categoryPrimary = 'FOOD_AND_DRINK', pending = false) {
  await deps.db.execute(sql`insert into transactions (item_id, user_id, plaid_transaction_id, account_id, amount_cents, currency, date, pending, name, category_primary)
    values (${itemId}, (select user_id from items where id = ${itemId}), ${crypto.randomUUID()}, ${accountId}, ${amountCents}, 'USD', ${date}, ${pending}, 'Shop', ${categoryPrimary})`);
}
