import { localDay } from '../../domain/budgets.js';
import { badInput } from '../../domain/errors.js';
import { explainDay, pointsFrom } from '../../domain/history.js';
import { findAccountsOfUser } from '../../db/repositories/accounts.js';
import { balanceChanges, balancesOn } from '../../db/repositories/balance-history.js';
import { findItemsOfUser } from '../../db/repositories/items.js';
import type { Explanation, HistoryPoint } from '../../shared/contracts/history.js';
import type { ServiceDeps } from '../deps.js';
import type { DashboardCache } from '../read-cache.js';

type Person = { id: string; timeZone: string; dataVersion: number };

/** Every day's point up to the person's today, as the API's JSON, computed once per data version and day (the cache is the dashboard's kind). */
function allPointsJson(deps: Pick<ServiceDeps, 'db' | 'now'>, cache: DashboardCache, person: Person): Promise<string> {
  const today = localDay(deps.now(), person.timeZone);
  return cache.getOrCompute(person.id, `${person.dataVersion}|${person.timeZone}|${today}`, async () => {
    const [changes, accounts] = await Promise.all([balanceChanges(deps.db, person.id, today), findAccountsOfUser(deps.db, person.id)]);
    return JSON.stringify({ points: pointsFrom(changes, accounts.filter((account) => !account.hidden).length, today) });
  });
}

/** Net worth per day, with and without loans, between two days (the whole history by default), as JSON. */
export async function netWorthHistoryJson(deps: Pick<ServiceDeps, 'db' | 'now'>, cache: DashboardCache, person: Person, range: { from?: string; to?: string }): Promise<string> {
  const whole = await allPointsJson(deps, cache, person);
  if (!range.from && !range.to) return whole;
  return JSON.stringify(inRange(JSON.parse(whole) as { points: HistoryPoint[] }, range));
}

/** The same, as objects (the export, the tests). */
export async function netWorthHistory(deps: Pick<ServiceDeps, 'db' | 'now'>, cache: DashboardCache, person: Person, range: { from?: string; to?: string }) {
  return inRange(JSON.parse(await allPointsJson(deps, cache, person)) as { points: HistoryPoint[] }, range);
}

const inRange = ({ points }: { points: HistoryPoint[] }, range: { from?: string; to?: string }) => ({
  points: points.filter((point) => (!range.from || point.day >= range.from) && (!range.to || point.day <= range.to)),
});

/** One day's point, explained account by account (hidden accounts listed, counting nothing, as on the dashboard). */
export async function explainNetWorth(deps: Pick<ServiceDeps, 'db' | 'now'>, person: { id: string; timeZone: string }, day: string): Promise<Explanation> {
  if (day > localDay(deps.now(), person.timeZone)) throw badInput({ day: 'must be today or earlier' });
  const [accounts, items, latest] = await Promise.all([findAccountsOfUser(deps.db, person.id), findItemsOfUser(deps.db, person.id), balancesOn(deps.db, person.id, day)]);
  const names = new Map(items.map((item) => [item.id, item.name]));
  const listed = accounts
    .map((account) => ({ accountId: account.id, name: account.name, mask: account.mask, institutionName: names.get(account.itemId) ?? null, type: account.type, hidden: account.hidden }))
    .sort((a, b) => (a.institutionName ?? '').localeCompare(b.institutionName ?? '') || a.name.localeCompare(b.name));
  return explainDay(day, listed, latest);
}
