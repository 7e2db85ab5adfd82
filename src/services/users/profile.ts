import crypto from 'node:crypto';
import type { User } from '../../shared/contracts/users.js';
import { badInput, conflict, forbidden, notFound } from '../../domain/errors.js';
import type { UserRow } from '../../db/schema/index.js';
import * as users from '../../db/repositories/users.js';
import type { CoreDeps, ServiceDeps } from '../deps.js';
import { confirmCurrentPassword } from '../auth/credentials.js';
import { hashPassword } from '../auth/password-hashing.js';
import { passwordWeakness } from '../auth/password-policy.js';
import { rotateSessions, type StartedSession } from '../auth/sessions.js';
import { queueRevocations } from '../banking/remove-item.js';
import { deleteItemsOfUser, findItemsOfUser } from '../../db/repositories/items.js';

const PHONE_CONTEXT = 'users.phone';

export function toPublicUser(deps: CoreDeps, row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    firstName: row.firstName,
    lastName: row.lastName,
    phone: deps.keyring.open(row.phoneSealed, PHONE_CONTEXT),
    profileType: row.profileType,
    timeZone: row.timeZone,
    isDemo: row.isDemo,
    createdAt: row.createdAt.toISOString(),
  };
}

export interface NewProfile {
  username: string;
  password: string;
  firstName: string;
  lastName: string;
  phone: string;
  profileType: 'sandbox' | 'production';
  timeZone?: string;
  isDemo?: boolean;
}

/**
 * Why this server cannot take a "production" (real banks) profile, or null when it can: real
 * banks need Plaid keys; the simulated Plaid links only its sandbox banks.
 */
export function realBanksUnavailable(plaidMode: string): string | null {
  return plaidMode === 'simulated' ? 'this server has no Plaid keys, so it links only the simulated sandbox banks' : null;
}

function refuseUnavailableProfileType(profileType: string, plaidMode: string | undefined): void {
  const why = profileType === 'production' && plaidMode ? realBanksUnavailable(plaidMode) : null;
  if (why) throw badInput({ profileType: `is not available: ${why}` }, `Real banks are not available: ${why}. Choose demo data.`);
}

const usernameTaken = () => badInput({ username: 'is already taken' }, 'That username is already taken.');

function refuseWeak(field: string, password: string, username: string): void {
  const weakness = passwordWeakness(password, username);
  if (weakness) throw badInput({ [field]: weakness }, `That password ${weakness}.`);
}

/** `plaidMode` (from a sign-up request) refuses a profile type this server cannot serve. */
export async function signUp(deps: CoreDeps, input: NewProfile, options: { skipPolicy?: boolean; plaidMode?: string } = {}) {
  if (!options.skipPolicy) refuseWeak('password', input.password, input.username);
  refuseUnavailableProfileType(input.profileType, options.plaidMode);
  const row = await users.insertUser(deps.db, {
    id: crypto.randomUUID(),
    username: input.username,
    usernameKey: input.username.toLowerCase(),
    passwordHash: await hashPassword(input.password),
    firstName: input.firstName,
    lastName: input.lastName,
    phoneSealed: deps.keyring.seal(input.phone, PHONE_CONTEXT),
    profileType: input.profileType,
    timeZone: input.timeZone ?? 'UTC',
    isDemo: input.isDemo ?? false,
  });
  if (!row) throw usernameTaken();
  return row;
}

export interface ProfileChanges {
  currentPassword: string;
  username?: string;
  firstName?: string;
  lastName?: string;
  phone?: string;
  newPassword?: string;
  timeZone?: string;
  profileType?: 'sandbox' | 'production';
}

async function ownUser(deps: ServiceDeps, userId: string): Promise<UserRow> {
  const user = await users.findUserById(deps.db, userId);
  if (!user) throw notFound('Your profile');
  if (user.isDemo) {
    throw forbidden('DEMO_PROFILE_LOCKED', "The demo profile can't be changed or deleted. Sign up to make a profile of your own.");
  }
  return user;
}

/** Applies the changes after checking the current password; a new password also renews the session. */
export async function updateProfile(
  deps: ServiceDeps,
  userId: string,
  changes: ProfileChanges,
): Promise<{ user: UserRow; session?: StartedSession }> {
  const user = await ownUser(deps, userId);
  const username = changes.username ?? user.username;
  if (changes.newPassword) refuseWeak('newPassword', changes.newPassword, username);
  const newProfileType = changes.profileType !== undefined && changes.profileType !== user.profileType ? changes.profileType : undefined;
  if (newProfileType) refuseUnavailableProfileType(newProfileType, deps.plaid.mode);
  await confirmCurrentPassword(deps, user, changes.currentPassword);
  // Sandbox and real banks never mix in one profile: the type changes only while nothing is linked.
  if (newProfileType && (await findItemsOfUser(deps.db, user.id)).length > 0) {
    throw conflict('PROFILE_TYPE_LOCKED', 'Your bank data type can change only while no institution is linked. Remove your institutions on the dashboard first.');
  }
  const updated = await users.updateUser(deps.db, user.id, {
    ...(changes.username !== undefined && { username, usernameKey: username.toLowerCase() }),
    ...(changes.firstName !== undefined && { firstName: changes.firstName }),
    ...(changes.lastName !== undefined && { lastName: changes.lastName }),
    ...(changes.phone !== undefined && { phoneSealed: deps.keyring.seal(changes.phone, PHONE_CONTEXT) }),
    ...(changes.newPassword !== undefined && { passwordHash: await hashPassword(changes.newPassword) }),
    ...(changes.timeZone !== undefined && { timeZone: changes.timeZone }),
    ...(newProfileType && { profileType: newProfileType }),
  });
  if (!updated) throw usernameTaken();
  const session = changes.newPassword ? await rotateSessions(deps, user.id) : undefined;
  return { user: updated, session };
}

/**
 * Removes the person and everything they own. Their Plaid items are queued for revocation in the
 * same transaction; revoking happens in the background and never blocks the delete.
 */
export async function deleteProfile(deps: ServiceDeps, userId: string, currentPassword: string): Promise<void> {
  const user = await ownUser(deps, userId);
  await confirmCurrentPassword(deps, user, currentPassword);
  await deps.db.transaction(async (tx) => {
    await queueRevocations(tx, await findItemsOfUser(tx, user.id), deps.now());
    // Items before the users row: the order every writer of a person's data locks them in.
    await deleteItemsOfUser(tx, user.id);
    await users.deleteUser(tx, user.id);
  });
  await deps.jobs.send('revoke-items', {});
}

