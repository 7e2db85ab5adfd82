import { z } from 'zod';
import { institution } from './institutions.js';

const cents = z.number().int();
const totals = z.object({ withoutLoansCents: cents, withLoansCents: cents });

export const budgetTracker = z.object({
  thresholdCents: cents,
  spentCents: cents,
  frequencyDays: z.number().int(),
  nextNotificationOn: z.string(),
});

export const dashboardAccount = z.object({
  id: z.string(),
  name: z.string(),
  officialName: z.string().nullable(),
  mask: z.string().nullable(),
  type: z.string(),
  subtype: z.string().nullable(),
  currency: z.string(),
  availableCents: cents.nullable(),
  currentCents: cents.nullable(),
  limitCents: cents.nullable(),
  /** What the account adds to the totals (zero when hidden): the rows add up to the headline. */
  contribution: totals,
  hidden: z.boolean(),
  budgetTrackable: z.boolean(),
  budgetTracker: budgetTracker.nullable(),
});
export type DashboardAccount = z.infer<typeof dashboardAccount>;

export const dashboardInstitution = institution.extend({ totals, accounts: z.array(dashboardAccount) });
export type DashboardInstitution = z.infer<typeof dashboardInstitution>;

/** PATCH /api/accounts/:id */
export const accountPatchRequest = z.strictObject({ hidden: z.boolean({ error: 'must be true or false' }) });
export const accountAnswer = z.object({
  account: z.object({ id: z.string(), name: z.string(), mask: z.string().nullable(), type: z.string(), subtype: z.string().nullable(), hidden: z.boolean() }),
});

export const dashboardAnswer = z.object({
  netWorth: totals,
  breakdown: z.array(z.object({ institutionId: z.string(), name: z.string(), amountCents: cents, share: z.number() })),
  institutions: z.array(dashboardInstitution),
});
export type Dashboard = z.infer<typeof dashboardAnswer>;
