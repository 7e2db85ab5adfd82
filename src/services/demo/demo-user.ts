import { AppError } from '../../domain/errors.js';
import * as items from '../../db/repositories/items.js';
import * as users from '../../db/repositories/users.js';
import type { UserRow } from '../../db/schema/index.js';
import { linkNow } from '../banking/link-item.js';
import { queueRevocations } from '../banking/remove-item.js';
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

export const DEMO_INSTITUTION = 'ins_109508'; // First Platypus Bank

/** Creates the demo user on first start; idempotent, and safe when several instances start at once. */
export async function ensureDemoUser(deps: Pick<ServiceDeps, 'db' | 'keyring' | 'now'>): Promise<UserRow> {
  const existing = await users.findUserByUsername(deps.db, DEMO_USER.username);
  if (existing) return existing;
  try {
    // The demo password is deliberately simple, so the common-password rule does not apply to it.
    return await signUp(deps, DEMO_USER, { skipPolicy: true });
  } catch (error) {
    const raced = await users.findUserByUsername(deps.db, DEMO_USER.username);
    if (!raced) throw error;
    return raced;
  }
}

async function linkDemoBank(deps: ServiceDeps, user: UserRow): Promise<void> {
  const publicToken = await deps.plaid.createSandboxPublicToken({
    institutionId: DEMO_INSTITUTION,
    username: 'user_good',
    password: 'pass_good',
    webhook: deps.plaidWebhookUrl ?? undefined,
  });
  await linkNow(deps, user.id, publicToken, DEMO_INSTITUTION);
}

/** The demo user, with First Platypus Bank linked the first time (Plaid production has no sandbox banks: skipped); safe when several processes start at once. */
export async function ensureDemo(deps: ServiceDeps): Promise<void> {
  const user = await ensureDemoUser(deps);
  if (deps.plaid.mode === 'production') return;
  if ((await items.findItemsOfUser(deps.db, user.id)).length > 0) return;
  try {
    await linkDemoBank(deps, user);
  } catch (error) {
    // Several CashView processes starting at once: another one linked it first.
    if (!(error instanceof AppError && error.code === 'INSTITUTION_ALREADY_LINKED')) throw error;
  }
}

/** Puts the demo back to its canonical state: only First Platypus Bank, freshly linked. */
export async function resetDemo(deps: ServiceDeps): Promise<void> {
  const user = await ensureDemoUser(deps);
  await deps.db.transaction(async (tx) => {
    const linked = await items.findItemsOfUser(tx, user.id);
    await queueRevocations(tx, linked, deps.now());
    await items.deleteItemsOfUser(tx, user.id);
  });
  await deps.jobs.send('revoke-items', {});
  if (deps.plaid.mode !== 'production') await linkDemoBank(deps, user);
}
