/**
 * The institutions of Plaid's sandbox (plaid.md): a fact about Plaid, offered by CashView's own
 * connect dialog in simulated and sandbox modes, and served by the simulated Plaid.
 */
export const SANDBOX_INSTITUTIONS = [
  { id: 'ins_109508', name: 'First Platypus Bank', country: 'US' },
  { id: 'ins_109509', name: 'First Gingham Credit Union', country: 'US' },
  { id: 'ins_109510', name: 'Tattersall Federal Credit Union', country: 'US' },
  { id: 'ins_109511', name: 'Tartan Bank', country: 'US' },
  { id: 'ins_109512', name: 'Houndstooth Bank', country: 'US' },
  { id: 'ins_43', name: 'Tartan-Dominion Bank of Canada', country: 'CA' },
] as const;
