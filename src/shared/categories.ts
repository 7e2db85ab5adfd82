/**
 * Plaid's personal finance categories (primary level), the ones a person may choose when they
 * re-categorise a transaction, with the names shown. UNCATEGORIZED is what a transaction with no
 * category from Plaid shows; it cannot be chosen.
 */
export const CATEGORY_NAMES = {
  INCOME: 'Income',
  TRANSFER_IN: 'Transfer in',
  TRANSFER_OUT: 'Transfer out',
  LOAN_PAYMENTS: 'Loan payments',
  BANK_FEES: 'Bank fees',
  ENTERTAINMENT: 'Entertainment',
  FOOD_AND_DRINK: 'Food and drink',
  GENERAL_MERCHANDISE: 'Shopping',
  HOME_IMPROVEMENT: 'Home improvement',
  MEDICAL: 'Medical',
  PERSONAL_CARE: 'Personal care',
  GENERAL_SERVICES: 'Services',
  GOVERNMENT_AND_NON_PROFIT: 'Government and non-profit',
  TRANSPORTATION: 'Transportation',
  TRAVEL: 'Travel',
  RENT_AND_UTILITIES: 'Rent and utilities',
} as const;

export type Category = keyof typeof CATEGORY_NAMES;
export const CATEGORIES = Object.keys(CATEGORY_NAMES) as Category[];
export const UNCATEGORIZED = 'UNCATEGORIZED';

/** The name a person reads for a category code (unknown codes read as themselves, tidied). */
export function categoryName(code: string): string {
  if (code === UNCATEGORIZED) return 'Uncategorized';
  return (CATEGORY_NAMES as Record<string, string>)[code] ?? code.toLowerCase().replaceAll('_', ' ').replace(/^./, (c) => c.toUpperCase());
}
