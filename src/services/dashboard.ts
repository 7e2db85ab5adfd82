import { z } from 'zod';
import { dashboardAnswer, type Dashboard, type DashboardAccount } from '../shared/contracts/dashboard.js';
import { budgetTrackable } from '../shared/accounts.js';
import { breakdown, contribution, totalsOf } from '../domain/net-worth.js';
import { localDay } from '../domain/budgets.js';
import { findAccountsOfUser } from '../db/repositories/accounts.js';
import { findItemsOfUser } from '../db/repositories/items.js';
import { toInstitution } from './banking/institution-view.js';
import { trackerViewsOf } from './budgets/trackers.js';
import type { ServiceDeps } from './deps.js';
import type { DashboardCache } from './read-cache.js';

/**
 * Everything the dashboard shows, in one answer, from the last known figures: a fixed number of
 * queries however many institutions and accounts there are, and never a call to Plaid.
 */
export async function getDashboard(deps: Pick<ServiceDeps, 'db' | 'now'>, person: { id: string; timeZone: string }): Promise<Dashboard> {
  const [items, accounts, trackers] = await Promise.all([findItemsOfUser(deps.db, person.id), findAccountsOfUser(deps.db, person.id), trackerViewsOf(deps, person)]);
  const byItem = new Map<string, DashboardAccount[]>();
  for (const account of accounts) {
    const list = byItem.get(account.itemId) ?? [];
    list.push({
      id: account.id,
      name: account.name,
      officialName: account.officialName,
      mask: account.mask,
      type: account.type,
      subtype: account.subtype,
      currency: account.currency,
      availableCents: account.availableCents,
      currentCents: account.currentCents,
      limitCents: account.limitCents,
      contribution: contribution(account),
      hidden: account.hidden,
      budgetTrackable: budgetTrackable(account.type, account.subtype),
      budgetTracker: trackers.get(account.id) ?? null,
    });
    byItem.set(account.itemId, list);
  }
  const institutions = items.map((item) => {
    const list = byItem.get(item.id) ?? [];
    return { ...toInstitution(item), totals: totalsOf(list.map((account) => account.contribution)), accounts: list };
  });
  return {
    netWorth: totalsOf(institutions.map((i) => i.totals)),
    breakdown: breakdown(institutions.map((i) => ({ id: i.id, name: i.name ?? 'Institution', totals: i.totals }))),
    institutions,
  };
}

/**
 * The dashboard as the JSON the API answers, computed once per person and data version (however
 * many readers wait for it at that moment): the
 * version is bumped in the same transaction as any change to what the dashboard shows, and "this
 * month's" spending also depends on the person's day, so both are in the key.
 */
export async function dashboardJson(
  deps: Pick<ServiceDeps, 'db' | 'now'>,
  cache: DashboardCache,
  person: { id: string; timeZone: string; dataVersion: number },
): Promise<string> {
  const key = `${person.dataVersion}|${person.timeZone}|${localDay(deps.now(), person.timeZone)}`;
  return cache.getOrCompute(person.id, key, async () => JSON.stringify(z.encode(dashboardAnswer, await getDashboard(deps, person))));
}
