import * as users from '../../db/repositories/users.js';
import type { ServiceDeps } from '../deps.js';
import { signUp } from '../users/profile.js';

/** The demo profile (product.md section 1): a sandbox profile anyone can try. */
export const DEMO_USER = {
  username: 'Test_User',
  password: 'pass_good',
  firstName: 'Test',
  lastName: 'User',
  phone: '+15005550006',
  profileType: 'sandbox',
  isDemo: true,
} as const;

/** Creates the demo user on first start; idempotent, and safe when several instances start at once. */
export async function ensureDemoUser(deps: ServiceDeps): Promise<void> {
  if (await users.findUserByUsername(deps.db, DEMO_USER.username)) return;
  try {
    // The demo password is deliberately simple, so the common-password rule does not apply to it.
    await signUp(deps, DEMO_USER, { skipPolicy: true });
  } catch (error) {
    if (!(await users.findUserByUsername(deps.db, DEMO_USER.username))) throw error;
  }
}
