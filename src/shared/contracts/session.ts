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

export const sessionAnswer = z.object({ user: user.nullable(), csrfToken: z.string() });
export type SessionAnswer = z.infer<typeof sessionAnswer>;

export const healthAnswer = z.object({ status: z.enum(['ok', 'degraded']), db: z.enum(['ok', 'down']) });

export const pingAnswer = z.object({ pong: z.literal(true) });
