import { formatUsd, type Cents } from '../shared/money.js';

/** A day as YYYY-MM-DD. Plaid's transaction dates are days too, with no time or zone. */
export type Day = string;

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** The person's calendar day at this instant, in their time zone. */
export function localDay(now: Date, timeZone: string): Day {
  let format = dayFormatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(timeZone, format);
  }
  return format.format(now);
}

export function addDays(day: Day, days: number): Day {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export const monthStart = (day: Day): Day => `${day.slice(0, 7)}-01`;

/** product.md section 4: these are not spending (summed in SQL: src/db/repositories/budgets.ts `sumSpending`, the one implementation). */
export const EXCLUDED_PRIMARY_CATEGORIES = ['TRANSFER_IN', 'TRANSFER_OUT', 'LOAN_PAYMENTS', 'INCOME'];
export const EXCLUDED_LEGACY_CATEGORIES = ['Transfer', 'Credit Card', 'Deposit', 'Payment'];
/** Due today or earlier: a missed stretch is one message, not one per day. */
export const isDue = (nextNotificationOn: Day, today: Day) => nextNotificationOn <= today;

// GSM 03.38 basic set: anything else would turn the text into UCS-2 and split it.
const GSM7 = /[^@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&'()*+,\-./0-9:;<=>?¡A-ZÄÖÑÜ§¿a-zäöñüà]/gu;

export function smsText(accountName: string, spent: Cents, threshold: Cents): string {
  const name = accountName.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(GSM7, '?').slice(0, 60);
  return `CashView budget for ${name}: ${formatUsd(spent)} spent of your ${formatUsd(threshold)} monthly budget.`;
}
