/**
 * Rules about accounts that both the server and the web app apply: which accounts can carry a
 * budget tracker, and which figures an account's card shows (product.md sections 3 and 4).
 */
export function budgetTrackable(type: string, subtype: string | null): boolean {
  return type === 'credit' || (type === 'depository' && (subtype === 'checking' || subtype === 'paypal'));
}

export interface CardAccount {
  type: string;
  subtype: string | null;
  availableCents: number | null;
  currentCents: number | null;
  limitCents: number | null;
}

export type Figure = { label: string; cents: number | null };

export function cardFigures(account: CardAccount): Figure[] {
  if (account.type === 'credit') {
    const available = account.limitCents !== null && account.currentCents !== null ? account.limitCents - account.currentCents : account.availableCents;
    return [
      { label: 'Limit', cents: account.limitCents },
      { label: 'Spent', cents: account.currentCents },
      { label: 'Available', cents: available },
    ];
  }
  if (account.type === 'depository' && account.subtype === 'checking') {
    return [
      { label: 'Available', cents: account.availableCents },
      { label: 'Current', cents: account.currentCents },
    ];
  }
  if (account.type === 'depository') return [{ label: 'Current', cents: account.currentCents }];
  return [{ label: 'Outstanding balance', cents: account.currentCents }];
}

/** Green above 0, grey at exactly 0, red below — always with a sign and a word too. */
export function tone(cents: number): 'positive' | 'zero' | 'negative' {
  return cents > 0 ? 'positive' : cents < 0 ? 'negative' : 'zero';
}

/** A budget's progress bar: green under 80 %, amber up to 100 %, red over (product.md section 4). */
export const budgetLevel = (spent: number, threshold: number): 'under' | 'near' | 'over' =>
  spent < threshold * 0.8 ? 'under' : spent <= threshold ? 'near' : 'over';
