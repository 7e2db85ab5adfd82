import { z } from 'zod';
import { normalizePhone } from '../phone.js';
import { isTimeZone } from '../time-zone.js';

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

export const usernameField = z
  .string({ error: 'is required' })
  .trim()
  .min(3, 'must be at least 3 characters')
  .max(32, 'must be at most 32 characters')
  .regex(/^[A-Za-z0-9_.-]+$/, 'may use only the letters A–Z (no accents), digits, _ . and -');

export const passwordField = z
  .string({ error: 'is required' })
  .min(PASSWORD_MIN, `must be at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `must be at most ${PASSWORD_MAX} characters`);

const nameField = z
  .string({ error: 'is required' })
  .trim()
  .min(1, 'is required')
  .max(64, 'must be at most 64 characters')
  .regex(/^[^\p{Cc}<>]+$/u, 'may not contain control characters or < >');

export const phoneField = z
  .string({ error: 'is required' })
  .max(32, 'must be at most 32 characters')
  .transform((value, ctx) => {
    const e164 = normalizePhone(value);
    if (!e164) {
      ctx.addIssue({ code: 'custom', message: 'must be a mobile number such as +14155550100 or 4155550100' });
      return z.NEVER;
    }
    return e164;
  });

export const timeZoneField = z
  .string({ error: 'must be a time zone such as America/New_York' })
  .refine(isTimeZone, 'must be a time zone such as America/New_York');

export const profileType = z.enum(['sandbox', 'production'], { error: 'must be "sandbox" or "production"' });

export const signUpRequest = z.strictObject({
  username: usernameField,
  password: passwordField,
  firstName: nameField,
  lastName: nameField,
  phone: phoneField,
  profileType,
  timeZone: timeZoneField.optional(),
});
export type SignUpRequest = z.input<typeof signUpRequest>;

export const updateProfileRequest = z.strictObject({
  currentPassword: z.string({ error: 'is required' }).min(1, 'is required').max(PASSWORD_MAX, 'is too long'),
  username: usernameField.optional(),
  firstName: nameField.optional(),
  lastName: nameField.optional(),
  phone: phoneField.optional(),
  newPassword: passwordField.optional(),
  timeZone: timeZoneField.optional(),
  profileType: profileType.optional(),
});
export type UpdateProfileRequest = z.input<typeof updateProfileRequest>;

export const deleteProfileRequest = z.strictObject({
  currentPassword: z.string({ error: 'is required' }).min(1, 'is required').max(PASSWORD_MAX, 'is too long'),
});

export const user = z.object({
  id: z.string(),
  username: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  phone: z.string(),
  profileType,
  timeZone: z.string(),
  isDemo: z.boolean(),
  createdAt: z.string(),
});
export type User = z.infer<typeof user>;

export const userAnswer = z.object({ user });
