import crypto from 'node:crypto';
import { addDays, localDay } from '../../domain/budgets.js';
import { connectionNeedsYou, holdUntil, texts, thresholdsReached, type AlertText } from '../../domain/alerts.js';
import { countedBalance } from '../../domain/net-worth.js';
import * as alerts from '../../db/repositories/alerts.js';
import { findAccountsOfUser } from '../../db/repositories/accounts.js';
import { insertNotification } from '../../db/repositories/notifications.js';
import type { ServiceDeps } from '../deps.js';
import { trackerViewsOf } from '../budgets/trackers.js';
import { usableChannels } from './settings.js';

type Kind = 'budgetThreshold' | 'connection' | 'largeTransaction' | 'lowBalance';

/**
 * Looks at one person's data as it is now and writes an outbox row per (alert, channel) for each
 * alert kind they switched on (product.md section 10). Each alert has a key that names what it is
 * about (`threshold:<account>:<month>:80`, `connection:<item>:<since>`, `large:<transaction>`,
 * `low:<account>:<since>`): the outbox's unique key makes it once per channel however often this
 * runs, and the incident or crossing start makes the next one a new alert. Returns rows written.
 */
export async function evaluateAlerts(deps: ServiceDeps, userId: string): Promise<number> {
  // Most people have no settings (the defaults: budget summaries by text): one read, and done.
  const settings = await alerts.findAlertSettings(deps.db, userId);
  if (!settings) return 0;
  const person = await alerts.findPersonForAlerts(deps.db, userId);
  if (!person) return 0;
  const now = deps.now();
  const today = localDay(now, person.timeZone);
  const hold = holdUntil(now, person.timeZone, settings.quietFrom && settings.quietTo ? { from: settings.quietFrom, to: settings.quietTo } : null);
  let written = 0;
  const queue = async (kind: Kind, key: string, text: AlertText, data: Record<string, unknown>) => {
    for (const channel of usableChannels(settings, kind)) {
      const inserted = await insertNotification(deps.db, {
        id: crypto.randomUUID(),
        userId,
        kind,
        channel,
        alertKey: key,
        title: text.title,
        body: text.message,
        data,
        holdUntil: hold,
        status: 'pending',
        createdAt: now,
      });
      if (inserted) written++;
    }
  };
  const wanted = (kind: Kind) => (settings.kinds[kind].channels as string[]).length > 0;

  if (wanted('budgetThreshold')) {
    const trackers = await trackerViewsOf(deps, person);
    const names = new Map((await findAccountsOfUser(deps.db, userId)).map((account) => [account.id, account.name]));
    for (const [accountId, tracker] of trackers) {
      for (const pct of thresholdsReached(tracker.spentCents, tracker.thresholdCents)) {
        const text = texts.budgetThreshold(names.get(accountId) ?? 'An account', pct, tracker.spentCents, tracker.thresholdCents);
        await queue('budgetThreshold', `threshold:${accountId}:${today.slice(0, 7)}:${pct}`, text, { accountId, percent: pct, spentCents: tracker.spentCents, thresholdCents: tracker.thresholdCents });
      }
    }
  }

  // Incidents are tracked whether or not the alert is on, so switching it on mid-incident does not start a new one.
  for (const item of await alerts.itemsForAlerts(deps.db, userId)) {
    if (!connectionNeedsYou(item, now)) {
      if (item.needsYouSince) await alerts.clearNeedsYouSince(deps.db, item.id);
      continue;
    }
    const since = await alerts.claimNeedsYouSince(deps.db, item.id, now);
    if (!wanted('connection')) continue;
    const link = deps.publicOrigin ? `${deps.publicOrigin}/dashboard?relogin=${item.id}` : null;
    await queue('connection', `connection:${item.id}:${since.toISOString()}`, texts.connection(item.name ?? 'An institution', link), { institutionId: item.id, health: item.health, link });
  }

  const large = settings.kinds.largeTransaction;
  if (wanted('largeTransaction') && large.amountCents) {
    // Recent ones only: linking a bank does not alert on years of history.
    for (const txn of await alerts.largeTransactionsSince(deps.db, userId, large.amountCents, addDays(today, -3))) {
      const text = texts.largeTransaction(txn.accountName, txn.merchantName ?? txn.name, txn.amountCents);
      await queue('largeTransaction', `large:${txn.id}`, text, { transactionId: txn.id, amountCents: txn.amountCents });
    }
  }

  const low = settings.kinds.lowBalance;
  for (const account of await alerts.cashAccountsForAlerts(deps.db, userId)) {
    const balance = countedBalance({ type: 'depository', availableCents: account.availableCents, currentCents: account.currentCents });
    const below = low.amountCents !== null && balance !== null && balance < low.amountCents;
    if (!below) {
      if (account.lowBalanceSince) await alerts.clearLowBalanceSince(deps.db, account.id);
      continue;
    }
    const since = await alerts.claimLowBalanceSince(deps.db, account.id, now);
    if (wanted('lowBalance')) await queue('lowBalance', `low:${account.id}:${since.toISOString()}`, texts.lowBalance(account.name, balance, low.amountCents!), { accountId: account.id, balanceCents: balance });
  }
  return written;
}

/** After data arrived for a person (a link, a refresh, a webhook's sync): their alerts looked at, and any new one sent. */
export async function alertsAfterData(deps: ServiceDeps, userId: string): Promise<void> {
  // No singleton key: a run already under way may have finished claiming before these rows were
  // written, and claims are exclusive (skip locked), so two runs never send a row twice.
  if ((await evaluateAlerts(deps, userId)) > 0) await deps.jobs.send('deliver-alerts', {});
}

