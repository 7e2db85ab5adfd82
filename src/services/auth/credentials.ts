import { exponentialMs } from '../../domain/backoff.js';
import { AppError, badInput } from '../../domain/errors.js';
import type { UserRow } from '../../db/schema/index.js';
import * as users from '../../db/repositories/users.js';
import type { CoreDeps } from '../deps.js';
import { burnVerification, verifyPassword } from './password-hashing.js';

/**
 * ASVS 6.3.1: failed passwords slow an account down exponentially (1 s after the third failure,
 * doubling, capped at 15 min) instead of locking it: the real owner is never shut out for good.
 */
const FREE_FAILURES = 2;
const CAP_MS = 15 * 60_000;

export function blockAfter(failures: number, now: Date): Date | null {
  if (failures <= FREE_FAILURES) return null;
  const delay = exponentialMs(failures - FREE_FAILURES - 1, 1000, CAP_MS);
  return new Date(now.getTime() + delay);
}

function throttled(until: Date, now: Date): AppError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return new AppError(
    429,
    'TOO_MANY_ATTEMPTS',
    `Too many failed attempts. Please wait ${seconds} second${seconds === 1 ? '' : 's'} and try again.`,
    undefined,
    { 'retry-after': String(seconds) },
  );
}

/**
 * Checks the person's password under the slow-down; true when it is right. Strangers' failures
 * must not shut out the owner (OWASP "device cookies"): a device that signed in to this account
 * before (`trustedDevice`) is neither slowed nor counted, and neither is the public demo, whose
 * password everyone knows. Per-address rate limits still bound both.
 */
export async function passwordMatches(deps: CoreDeps, user: UserRow, password: string, options: { trustedDevice?: boolean } = {}): Promise<boolean> {
  const now = deps.now();
  const exempt = options.trustedDevice === true || user.isDemo;
  if (!exempt && user.signInBlockedUntil && user.signInBlockedUntil > now) throw throttled(user.signInBlockedUntil, now);
  if (await verifyPassword(user.passwordHash, password)) {
    if (user.failedSignIns > 0) await users.clearFailedSignIns(deps.db, user.id);
    return true;
  }
  if (!exempt) await users.recordFailedSignIn(deps.db, user.id, (failures) => blockAfter(failures, now));
  return false;
}

/**
 * The user behind a username and password; one message whichever of the two was wrong.
 * `trustedDevice` says whether the request carries a device cookie of that person's.
 */
export async function authenticate(deps: CoreDeps, username: string, password: string, trustedDevice: (userId: string) => boolean = () => false): Promise<UserRow> {
  const user = await users.findUserByUsername(deps.db, username);
  if (!user) {
    await burnVerification(password);
  } else if (await passwordMatches(deps, user, password, { trustedDevice: trustedDevice(user.id) })) {
    return user;
  }
  throw new AppError(401, 'INVALID_CREDENTIALS', 'That username and password do not match.');
}

/** For changes to one's own profile: a wrong current password is a field error. */
export async function confirmCurrentPassword(deps: CoreDeps, user: UserRow, password: string): Promise<void> {
  if (!(await passwordMatches(deps, user, password))) {
    throw badInput({ currentPassword: 'is not your current password' }, 'Your current password is not correct.');
  }
}
