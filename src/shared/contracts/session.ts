import { z } from 'zod';
import { user } from './users.js';

export const signInRequest = z.strictObject({
  username: z
    .string({ error: 'is required' })
    .trim()
    .min(1, 'is required')
    .max(64, 'is too long')
    .regex(/^[^\p{Cc}]+$/u, 'may not contain control characters'),
  password: z.string({ error: 'is required' }).min(1, 'is required').max(128, 'is too long'),
});
export type SignInRequest = z.infer<typeof signInRequest>;

/** What this server can do, for the sign-up and profile pages to offer only that. */
export const serverAbilities = z.object({
  /** Null when "production" profiles (real banks) can be served; else why not, as a sentence's end. */
  realBanksUnavailable: z.string().nullable(),
});
export const sessionAnswer = z.object({ user: user.nullable(), csrfToken: z.string(), server: serverAbilities.optional() });
export type SessionAnswer = z.infer<typeof sessionAnswer>;

export const healthAnswer = z.object({ status: z.enum(['ok', 'degraded']), db: z.enum(['ok', 'down']) });

export const pingAnswer = z.object({ pong: z.literal(true) });
