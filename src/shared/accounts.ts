/**
 * Rules about accounts that both the server and the web app apply: which accounts can carry a
 * budget tracker, how accounts are grouped, and which figures a row shows (product.md sections 3 and 4).
 */
export function budgetTrackable(type: string, subtype: string | null): boolean {
  return type === 'credit' || (type === 'depository' && (subtype === 'checking' || subtype === 'paypal'));
}

export interface RowAccount {
  type: string;
  availableCents: number | null;
  currentCents: number | null;
  limitCents: number | null;
  contribution: { withoutLoansCents: number; withLoansCents: number };
  hidden?: boolean;
}

export type AccountKind = 'cash' | 'credit' | 'investments' | 'loans' | 'other';

/** The groups of the account list, in the order shown (product.md section 3). */
export const ACCOUNT_KINDS: { kind: AccountKind; title: string }[] = [
  { kind: 'cash', title: 'Cash' },
  { kind: 'credit', title: 'Credit' },
  { kind: 'investments', title: 'Investments' },
  { kind: 'loans', title: 'Loans' },
  { kind: 'other', title: 'Other' },
];

export function accountKind(type: string): AccountKind {
  switch (type) {
    case 'depository':
      return 'cash';
    case 'credit':
      return 'credit';
    case 'investment':
      return 'investments';
    case 'loan':
      return 'loans';
    default:
      return 'other';
  }
}

/** What an account adds to its group's subtotal: loans count only in the "with loans" total. */
export const countedCents = (account: Pick<RowAccount, 'type' | 'contribution'>) =>
  account.type === 'loan' ? account.contribution.withLoansCents : account.contribution.withoutLoansCents;

export type Figure = { label: string; cents: number | null };

/**
 * The figure a row counts toward the totals, labelled for what it is, then the figures shown
 * beside it for context (never counted): the counted one adds up to the headline, to the cent.
 */
export function rowFigures(account: RowAccount): { counted: Figure; context: Figure[] } {
  if (account.hidden) {
    // Counted as nothing; its balance stays in view so the person knows what they hid.
    const balance = account.type === 'depository' && account.availableCents !== null ? { label: 'Available', cents: account.availableCents } : { label: 'Balance', cents: account.currentCents };
    return { counted: { label: 'Counted', cents: 0 }, context: [balance] };
  }
  const counted = countedCents(account);
  switch (accountKind(account.type)) {
    case 'cash': {
      const byAvailable = account.availableCents !== null;
      const context = byAvailable && account.currentCents !== null && account.currentCents !== account.availableCents ? [{ label: 'Current', cents: account.currentCents }] : [];
      return { counted: { label: byAvailable ? 'Available' : 'Balance', cents: counted }, context };
    }
    case 'credit': {
      const available = account.limitCents !== null && account.currentCents !== null ? account.limitCents - account.currentCents : account.availableCents;
      return {
        counted: { label: 'Owed', cents: counted },
        context: [
          { label: 'Limit', cents: account.limitCents },
          { label: 'Available credit', cents: available },
        ].filter((figure) => figure.cents !== null),
      };
    }
    case 'investments':
      return { counted: { label: 'Value', cents: counted }, context: [] };
    case 'loans':
      return { counted: { label: 'Owed', cents: counted }, context: [] };
    default:
      return { counted: { label: 'Balance', cents: counted }, context: [] };
  }
}

/** Green above 0, grey at exactly 0, red below — always with a sign and a word too. */
export function tone(cents: number): 'positive' | 'zero' | 'negative' {
  return cents > 0 ? 'positive' : cents < 0 ? 'negative' : 'zero';
}

/** A budget's progress bar: green under 80 %, amber up to 100 %, red over (product.md section 4). */
export const budgetLevel = (spent: number, threshold: number): 'under' | 'near' | 'over' =>
  spent < threshold * 0.8 ? 'under' : spent <= threshold ? 'near' : 'over';
