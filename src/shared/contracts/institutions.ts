import { z } from 'zod';

export const idParams = z.strictObject({ id: z.uuid({ error: 'must be an id from CashView' }) });

const plaidInstitutionId = z.string().regex(/^ins_\d{1,12}$/, 'must be a Plaid institution id such as ins_109508');

export const linkTokenRequest = z.strictObject({
  /** For Link's update mode: the institution to sign in to again. */
  institutionId: z.uuid({ error: 'must be an id from CashView' }).optional(),
});
export const linkTokenAnswer = z.object({ linkToken: z.string(), mode: z.enum(['plaid', 'simulated']) });

export const sandboxInstitutionsAnswer = z.array(z.object({ id: z.string(), name: z.string() }));

export const sandboxCredentials = {
  username: z.string({ error: 'is required' }).trim().min(1, 'is required').max(64, 'must be at most 64 characters'),
  password: z.string({ error: 'is required' }).min(1, 'is required').max(128, 'must be at most 128 characters'),
};

export const sandboxPublicTokenRequest = z.strictObject({
  institutionId: plaidInstitutionId,
  ...sandboxCredentials,
  mfaCode: z.string().regex(/^\d{4,8}$/, 'must be the 4 to 8 digit code').optional(),
});
export type SandboxPublicTokenRequest = z.input<typeof sandboxPublicTokenRequest>;
export const sandboxPublicTokenAnswer = z.object({ publicToken: z.string() });

export const reloginRequest = z.strictObject(sandboxCredentials);

export const linkInstitutionRequest = z.strictObject({
  publicToken: z.string({ error: 'is required' }).regex(/^public-(sandbox|production)-[0-9a-f-]{36}$/, 'must be a public token from Plaid Link'),
  institutionId: plaidInstitutionId.optional(),
});

export const institutionStatus = z.enum(['linking', 'ready', 'error']);
export const institutionHealth = z.enum(['needs_relogin', 'institution_down', 'refresh_failed', 'pending_disconnect']).nullable();

export const institution = z.object({
  id: z.string(),
  name: z.string().nullable(),
  logo: z.string().nullable(),
  primaryColor: z.string().nullable(),
  url: z.string().nullable(),
  status: institutionStatus,
  /** What the last contact with the bank said, when something is wrong. */
  health: institutionHealth,
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  linkStep: z.string().nullable(),
  refreshing: z.boolean(),
  refreshedAt: z.string().nullable(),
});
export type Institution = z.infer<typeof institution>;
export const institutionAnswer = z.object({ institution });
