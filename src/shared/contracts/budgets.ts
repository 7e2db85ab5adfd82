import { z } from 'zod';
import { budgetTracker } from './dashboard.js';

const MAX_THRESHOLD_CENTS = 1_000_000_000; // 10,000,000.00

const thresholdCents = z
  .number({ error: 'must be a whole number of cents' })
  .int('must be a whole number of cents')
  .min(1, 'must be more than 0')
  .max(MAX_THRESHOLD_CENTS, 'must be at most 10,000,000.00');

const frequencyDays = z
  .number({ error: 'must be a whole number of days from 1 to 15' })
  .int('must be a whole number of days from 1 to 15')
  .min(1, 'must be a whole number of days from 1 to 15')
  .max(15, 'must be a whole number of days from 1 to 15');

export const createTrackerRequest = z.strictObject({ thresholdCents, frequencyDays });
export const updateTrackerRequest = z.strictObject({ thresholdCents: thresholdCents.optional(), frequencyDays: frequencyDays.optional() });
export const trackerAnswer = z.object({ budgetTracker });

export const notification = z.object({
  id: z.string(),
  kind: z.enum(['budgetSummary', 'budgetThreshold', 'connection', 'largeTransaction', 'lowBalance', 'verification']),
  channel: z.enum(['sms', 'email', 'webhook']),
  title: z.string().nullable(),
  accountName: z.string().nullable(),
  accountMask: z.string().nullable(),
  institutionName: z.string().nullable(),
  dueOn: z.string().nullable(),
  spentCents: z.number().int().nullable(),
  thresholdCents: z.number().int().nullable(),
  body: z.string(),
  status: z.enum(['pending', 'sending', 'sent', 'failed', 'unknown', 'skipped']),
  detail: z.string().nullable(),
  createdAt: z.string(),
  read: z.boolean(),
});
export type Notification = z.infer<typeof notification>;
export const notificationsAnswer = z.object({ notifications: z.array(notification), unreadCount: z.number().int() });
/** POST /api/notifications/read: marks every notification listed so far as read. */
export const markReadRequest = z.strictObject({});
