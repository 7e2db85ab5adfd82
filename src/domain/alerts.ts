import { formatUsd, type Cents } from '../shared/money.js';

/**
 * When each alert kind fires (product.md section 10), as pure rules; the services look at the data
 * and write one outbox row per (alert key, channel), which is what makes "once" hold.
 */

/** The budget thresholds a month's spending has reached: 80 % and 100 % of the budget. */
export function thresholdsReached(spentCents: Cents, thresholdCents: Cents): (80 | 100)[] {
  return ([80, 100] as const).filter((pct) => spentCents * 100 >= thresholdCents * pct);
}

/** A connection needs the person: re-login, about to expire, or no successful refresh for a day. */
export function connectionNeedsYou(item: { status: string; health: string | null; refreshedAt: Date | null }, now: Date): boolean {
  if (item.health === 'needs_relogin' || item.health === 'pending_disconnect') return true;
  return item.status === 'ready' && item.refreshedAt !== null && now.getTime() - item.refreshedAt.getTime() > 24 * 3_600_000;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Quiet hours in the person's time zone (`from` to `to`, possibly over midnight): while they last,
 * a message is held until they end. Returns when to deliver, or null to deliver now.
 */
export function holdUntil(now: Date, timeZone: string, quiet: { from: string; to: string } | null): Date | null {
  if (!quiet || quiet.from === quiet.to) return null;
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(now);
  const local = Number(parts.find((p) => p.type === 'hour')!.value) * 60 + Number(parts.find((p) => p.type === 'minute')!.value);
  const from = minutesOf(quiet.from);
  const to = minutesOf(quiet.to);
  const inside = from < to ? local >= from && local < to : local >= from || local < to;
  if (!inside) return null;
  const wait = (to - local + 1440) % 1440;
  return new Date(Math.floor(now.getTime() / 60_000) * 60_000 + wait * 60_000);
}

export interface AlertText {
  title: string;
  message: string;
}

export const texts = {
  budgetThreshold: (account: string, pct: 80 | 100, spent: Cents, threshold: Cents): AlertText => ({
    title: pct === 100 ? `${account} is over its budget` : `${account} is at ${pct} % of its budget`,
    message: `CashView: ${account} has spent ${formatUsd(spent)} of its ${formatUsd(threshold)} monthly budget (${pct} % reached).`,
  }),
  connection: (institution: string, link: string | null): AlertText => ({
    title: `${institution} needs you`,
    message: `CashView: ${institution} needs you to sign in again before its balances can be updated.${link ? ` Sign in: ${link}` : ''}`,
  }),
  largeTransaction: (account: string, name: string, amount: Cents): AlertText => ({
    title: `Large transaction on ${account}`,
    message: `CashView: ${formatUsd(amount)} at ${name} on ${account}.`,
  }),
  lowBalance: (account: string, balance: Cents, limit: Cents): AlertText => ({
    title: `${account} is below ${formatUsd(limit)}`,
    message: `CashView: ${account} has ${formatUsd(balance)} available, below your ${formatUsd(limit)} alert.`,
  }),
  verification: (code: string): AlertText => ({
    title: 'Your CashView verification code',
    message: `CashView: your verification code is ${code}. It expires in 15 minutes.`,
  }),
};
