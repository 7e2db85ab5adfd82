import type { User } from '../../shared/contracts/users.js';
import { AppError, badInput, conflict, forbidden, notFound } from '../../domain/errors.js';
import type { ItemRow } from '../../db/schema/index.js';
import * as items from '../../db/repositories/items.js';
import { SANDBOX_INSTITUTIONS } from '../../integrations/plaid/sandbox-institutions.js';
import { PlaidApiError, healthFor, messageFor } from '../../integrations/plaid/errors.js';
import type { ServiceDeps } from '../deps.js';
import { accessTokenOf } from './tokens.js';

/** The sandbox institutions CashView's own connect dialog offers (simulated and sandbox modes). */
export const sandboxInstitutions = () => SANDBOX_INSTITUTIONS.map(({ id, name }) => ({ id, name }));

function plaidFailure(error: unknown, mfaGiven: boolean): never {
  if (!(error instanceof PlaidApiError)) throw error;
  if (error.code === 'INVALID_CREDENTIALS') throw badInput({ password: 'does not match the username at this bank' }, messageFor(error.code));
  if (error.code === 'INVALID_MFA') {
    throw new AppError(400, mfaGiven ? 'MFA_INCORRECT' : 'MFA_REQUIRED', mfaGiven ? messageFor(error.code) : 'This bank sent a code to your device. Enter it to continue.', {
      mfaCode: mfaGiven ? 'is not right' : 'is required',
    });
  }
  const status = error.retryable ? 503 : 400;
  throw new AppError(status, error.code, inDialog(error));
}

/** In the connect dialog nothing retries by itself: every refusal says what the person can do next. */
function inDialog(error: PlaidApiError): string {
  if (error.retryable) {
    return healthFor(error.code) === 'institution_down'
      ? 'The bank is not responding right now. Try again in a few minutes, or link another bank meanwhile.'
      : 'The bank could not be reached just now. Try again in a few minutes.';
  }
  switch (error.code) {
    case 'ITEM_LOCKED':
    case 'USER_SETUP_REQUIRED':
    case 'INVALID_API_KEYS':
      return messageFor(error.code);
    case 'NO_ACCOUNTS':
      return 'No supported accounts were found at this bank. Pick another bank, or sign in with other credentials.';
    default:
      return 'The bank refused this sign-in. Check the username and password (sandbox banks: user_good / pass_good) and try again.';
  }
}

/** Link tokens for Plaid Link; with an institution, for its update mode (re-login). */
export async function createLinkToken(deps: ServiceDeps, user: User, institutionId?: string) {
  let accessToken: string | undefined;
  if (institutionId) {
    const item = await items.findOwnItem(deps.db, user.id, institutionId);
    if (!item) throw notFound('That institution');
    accessToken = accessTokenOf(deps, item) ?? undefined;
    if (!accessToken) throw conflict('INSTITUTION_NOT_READY', 'This institution has no link to repair; remove it and link it again.');
  }
  try {
    const { linkToken } = await deps.plaid.createLinkToken({ userId: user.id, accessToken, webhook: deps.plaidWebhookUrl ?? undefined });
    return { linkToken, mode: deps.plaid.mode === 'simulated' ? ('simulated' as const) : ('plaid' as const) };
  } catch (error) {
    plaidFailure(error, false);
  }
}

function requireSandbox(deps: ServiceDeps, user: User) {
  if (deps.plaid.mode === 'production') {
    throw forbidden('SANDBOX_UNAVAILABLE', 'Sandbox banks are not available with Plaid production. Use "Link an institution" to sign in to your bank through Plaid.');
  }
  if (user.profileType !== 'sandbox') {
    throw forbidden(
      'SANDBOX_PROFILE_ONLY',
      deps.plaid.mode === 'simulated'
        ? 'Your profile is set for real banks, which this server cannot link: it has no Plaid keys. Change your bank data to demo data on your Profile page, then link a sandbox bank.'
        : 'Your profile is set for real banks: use "Link an institution" to sign in to your bank through Plaid.',
    );
  }
}

/** What the connect dialog does with the sandbox credentials: a public token, as Link would give. */
export async function createSandboxPublicToken(
  deps: ServiceDeps,
  user: User,
  input: { institutionId: string; username: string; password: string; mfaCode?: string },
): Promise<string> {
  requireSandbox(deps, user);
  if (!SANDBOX_INSTITUTIONS.some((institution) => institution.id === input.institutionId)) throw badInput({ institutionId: 'is not a sandbox institution' });
  const webhook = deps.plaidWebhookUrl ?? undefined;
  try {
    // Simulated: the dialog stands in for Plaid Link (device codes included). Plaid's sandbox: its
    // shortcut endpoint, which takes only credentials.
    if (deps.plaid.mode === 'simulated') return await deps.plaid.simulatedLink({ ...input, webhook });
    const { mfaCode: _notForPlaid, ...credentials } = input;
    return await deps.plaid.createSandboxPublicToken({ ...credentials, webhook });
  } catch (error) {
    plaidFailure(error, input.mfaCode !== undefined);
  }
}

/** Update mode in the simulated dialog: sign in to the bank again to repair a "needs re-login" item. */
export async function repairLogin(deps: ServiceDeps, user: User, itemId: string, credentials: { username: string; password: string }): Promise<ItemRow> {
  requireSandbox(deps, user);
  if (deps.plaid.mode !== 'simulated') throw forbidden('SIMULATED_ONLY', 'Use "Sign in again" on the institution to sign in to this bank through Plaid.');
  const item = await items.findOwnItem(deps.db, user.id, itemId);
  const accessToken = item && accessTokenOf(deps, item);
  if (!item || !accessToken) throw notFound('That institution');
  try {
    await deps.plaid.simulatedRepairLogin(accessToken, credentials.username, credentials.password);
  } catch (error) {
    // Removed (and revoked at Plaid) while the bank was answering: gone, not a bank error.
    if (!(await items.findOwnItem(deps.db, user.id, item.id))) throw notFound('That institution');
    plaidFailure(error, false);
  }
  const repaired = await items.updateItem(deps.db, item.id, { health: null, errorCode: null, errorMessage: null, refreshing: true });
  // Removed while the bank was signing in again: there is nothing left to show or refresh.
  if (!repaired) throw notFound('That institution');
  await deps.jobs.send('refresh-item', { itemId: item.id }, { singletonKey: item.id });
  return repaired;
}
