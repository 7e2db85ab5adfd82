/**
 * Money inside CashView is integer cents (the `Cents` type). This file is the only place that
 * converts to or from anything else: Plaid's float dollars, what people type, and display.
 */
export type Cents = number & { readonly __cents?: never };

/** Round half away from zero, once, at the edge. */
function roundHalfAway(value: number): number {
  return Math.sign(value) * Math.round(Math.abs(value));
}

/**
 * Plaid sends dollars as JSON numbers (23631.9805). Going through a fixed 6-decimal string first
 * removes binary noise (1.005 * 100 = 100.49999…) before the single rounding.
 */
export function fromPlaid(amount: number): Cents;
export function fromPlaid(amount: number | null | undefined): Cents | null;
export function fromPlaid(amount: number | null | undefined): Cents | null {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) return null;
  return roundHalfAway(Number((amount * 100).toFixed(6))) as Cents;
}

/** What a person typed ("1,234.56", "$20", "20.5") as cents, or null when it is not an amount. */
export function parseAmount(text: string): Cents | null {
  const cleaned = text.trim().replace(/^\$/, '').replaceAll(',', '');
  if (!/^-?\d{1,12}(\.\d{1,2})?$/.test(cleaned)) return null;
  const [whole, fraction = ''] = cleaned.replace('-', '').split('.');
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return (cleaned.startsWith('-') ? -cents : cents) as Cents;
}

export function sum(values: Iterable<Cents>): Cents {
  let total = 0;
  for (const value of values) total += value;
  return total as Cents;
}

const formatters = new Map<string, Intl.NumberFormat>();

/** `$1,234.56` for the person's locale and the account's currency. */
export function formatMoney(cents: Cents, currency = 'USD', locale?: string): string {
  const key = `${locale ?? ''}|${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    try {
      formatter = new Intl.NumberFormat(locale, { style: 'currency', currency });
    } catch {
      formatter = new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD' });
    }
    formatters.set(key, formatter);
  }
  return formatter.format(cents / 100);
}

/** Dollars for plain-text messages (GSM-7 safe): `$1,234.56`, always en-US. */
export const formatUsd = (cents: Cents) => formatMoney(cents, 'USD', 'en-US');
