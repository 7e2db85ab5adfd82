import { formatMoney, type Cents } from '../../shared/money.js';
import { tone } from '../../shared/accounts.js';

const locale = typeof navigator === 'undefined' ? undefined : navigator.language;

export const money = (cents: number | null, currency = 'USD') => (cents === null ? '—' : formatMoney(cents as Cents, currency, locale));

// Intl formatters are costly to make (the first one loads the locale's data): made once, reused.
let percentFormat: Intl.NumberFormat | undefined;
let timeFormat: Intl.DateTimeFormat | undefined;
let shortDayFormat: Intl.DateTimeFormat | undefined;

export const percent = (share: number) => (percentFormat ??= new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 })).format(share);

const TONE_WORD = { positive: 'positive', zero: 'zero', negative: 'negative' } as const;

/** An amount with its colour class and the word that says the same as the colour. */
export function signed(cents: number) {
  const t = tone(cents);
  return { className: `amount ${t}`, word: TONE_WORD[t] };
}

export function asOf(iso: string | null): string {
  if (!iso) return 'not yet refreshed';
  const date = new Date(iso);
  const sameDay = date.toDateString() === new Date().toDateString();
  const time = (timeFormat ??= new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' })).format(date);
  return sameDay ? `as of ${time} today` : `as of ${(shortDayFormat ??= new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric' })).format(date)}, ${time}`;
}

/** A calendar day (YYYY-MM-DD) in the person's locale; noon UTC keeps it the same day everywhere. */
export const day = (isoDay: string, options: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric' }) =>
  new Date(`${isoDay}T12:00:00Z`).toLocaleDateString(locale, { ...options, timeZone: 'UTC' });
