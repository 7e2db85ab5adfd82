import crypto from 'node:crypto';
import { budgetTrackable } from '../../shared/accounts.js';
import { AppError, conflict, notFound } from '../../domain/errors.js';
import { addDays, localDay, monthStart } from '../../domain/budgets.js';
import type { BudgetTrackerRow } from '../../db/schema/index.js';
import { findOwnAccount } from '../../db/repositories/accounts.js';
import * as budgets from '../../db/repositories/budgets.js';
import type { Db } from '../../db/client.js';
import type { ServiceDeps } from '../deps.js';

export interface TrackerView {
  thresholdCents: number;
  spentCents: number;
  frequencyDays: number;
  nextNotificationOn: string;
}

interface Person {
  id: string;
  timeZone: string;
}

async function eligibleAccount(deps: ServiceDeps, person: Person, accountId: string) {
  const account = await findOwnAccount(deps.db, person.id, accountId);
  if (!account) throw notFound('That account');
  if (!budgetTrackable(account.type, account.subtype)) {
    throw new AppError(400, 'ACCOUNT_NOT_ELIGIBLE', 'Budgets can be set only on checking, PayPal and credit card accounts.', { accountId: 'is not a checking, PayPal or credit card account' });
  }
  return account;
}

/** Amount spent this month (the person's month: `today` is their day) for each account, in one query. */
export async function spentByAccount(db: Db, accountIds: string[], today: string): Promise<Map<string, number>> {
  const sums = await budgets.sumSpending(db, accountIds, monthStart(today), today);
  return new Map(accountIds.map((id) => [id, sums.get(id) ?? 0]));
}

async function view(deps: ServiceDeps, person: Person, tracker: BudgetTrackerRow): Promise<TrackerView> {
  const spent = await spentByAccount(deps.db, [tracker.accountId], localDay(deps.now(), person.timeZone));
  return { thresholdCents: tracker.thresholdCents, spentCents: spent.get(tracker.accountId) ?? 0, frequencyDays: tracker.frequencyDays, nextNotificationOn: tracker.nextNotificationOn };
}

export async function createTracker(deps: ServiceDeps, person: Person, accountId: string, input: { thresholdCents: number; frequencyDays: number }): Promise<TrackerView> {
  const account = await eligibleAccount(deps, person, accountId);
  const tracker = await budgets.insertTracker(deps.db, {
    id: crypto.randomUUID(),
    accountId: account.id,
    userId: person.id,
    thresholdCents: input.thresholdCents,
    frequencyDays: input.frequencyDays,
    nextNotificationOn: addDays(localDay(deps.now(), person.timeZone), input.frequencyDays),
  });
  if (!tracker) throw conflict('TRACKER_EXISTS', 'This account already has a budget. Edit it instead.');
  return view(deps, person, tracker);
}

/** Editing resets the next notification to today plus the (new) frequency. */
export async function updateTracker(deps: ServiceDeps, person: Person, accountId: string, input: { thresholdCents?: number; frequencyDays?: number }): Promise<TrackerView> {
  await eligibleAccount(deps, person, accountId);
  const tracker = await budgets.findTrackerOfAccount(deps.db, accountId);
  if (!tracker) throw notFound('That budget');
  const frequencyDays = input.frequencyDays ?? tracker.frequencyDays;
  const updated = await budgets.updateTracker(deps.db, tracker.id, {
    thresholdCents: input.thresholdCents ?? tracker.thresholdCents,
    frequencyDays,
    nextNotificationOn: addDays(localDay(deps.now(), person.timeZone), frequencyDays),
  });
  return view(deps, person, updated ?? tracker);
}

export async function deleteTracker(deps: ServiceDeps, person: Person, accountId: string): Promise<void> {
  if (!(await findOwnAccount(deps.db, person.id, accountId))) throw notFound('That account');
  if (!(await budgets.deleteTrackerOfAccount(deps.db, accountId))) throw notFound('That budget');
}

/** Every tracker of the person with this month's spending: two queries, whatever the count. */
export async function trackerViewsOf(deps: Pick<ServiceDeps, 'db' | 'now'>, person: Person): Promise<Map<string, TrackerView>> {
  const trackers = await budgets.findTrackersOfUser(deps.db, person.id);
  const spent = await spentByAccount(deps.db, trackers.map((t) => t.accountId), localDay(deps.now(), person.timeZone));
  return new Map(
    trackers.map((t) => [t.accountId, { thresholdCents: t.thresholdCents, spentCents: spent.get(t.accountId) ?? 0, frequencyDays: t.frequencyDays, nextNotificationOn: t.nextNotificationOn }]),
  );
}
