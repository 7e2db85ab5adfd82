import { z } from 'zod';

export const channelName = z.enum(['sms', 'email', 'webhook'], { error: 'must be sms, email or webhook' });
export type ChannelName = z.infer<typeof channelName>;

const hhmm = z.string({ error: 'must be a time as HH:MM' }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time as HH:MM, from 00:00 to 23:59');
const channels = z.array(channelName).max(3, 'must name each channel once').refine((list) => new Set(list).size === list.length, 'must name each channel once');
const amountCents = z
  .number({ error: 'must be a whole number of cents' })
  .int('must be a whole number of cents')
  .min(1, 'must be more than 0')
  .max(100_000_000_000, 'is too large');
const kind = z.strictObject({ channels });
const kindWithAmount = z.strictObject({ channels, amountCents: amountCents.nullable() });

export const alertSettingsRequest = z.strictObject({
  channels: z.strictObject({
    sms: z.strictObject({ enabled: z.boolean({ error: 'must be true or false' }) }),
    email: z.strictObject({
      address: z.email({ error: 'must be an e-mail address' }).max(254, 'must be at most 254 characters').nullable(),
      enabled: z.boolean({ error: 'must be true or false' }),
    }),
    webhook: z.strictObject({
      url: z.string({ error: 'must be a URL' }).max(2000, 'must be at most 2,000 characters').nullable(),
      enabled: z.boolean({ error: 'must be true or false' }),
    }),
  }),
  kinds: z.strictObject({ budgetSummary: kind, budgetThreshold: kind, connection: kind, largeTransaction: kindWithAmount, lowBalance: kindWithAmount }),
  quietHours: z.strictObject({ from: hhmm, to: hhmm }).nullable(),
});
export type AlertSettingsRequest = z.infer<typeof alertSettingsRequest>;

const channelState = { enabled: z.boolean(), verified: z.boolean() };
export const alertSettingsAnswer = z.object({
  channels: z.object({
    sms: z.object({ ...channelState, phone: z.string() }),
    email: z.object({ ...channelState, address: z.string().nullable() }),
    /** `secret` only in the answer that set a new URL: it is shown once. */
    webhook: z.object({ ...channelState, url: z.string().nullable(), secret: z.string().optional() }),
  }),
  kinds: alertSettingsRequest.shape.kinds,
  quietHours: z.object({ from: z.string(), to: z.string() }).nullable(),
});
export type AlertSettings = z.infer<typeof alertSettingsAnswer>;

export const channelParams = z.strictObject({ channel: channelName });
export const verifyRequest = z.strictObject({ code: z.string().regex(/^\d{6}$/, 'must be the 6-digit code').optional() });
export const verifyAnswer = z.object({ sent: z.boolean(), verified: z.boolean() });
