import crypto from 'node:crypto';
import { AppError } from '../../domain/errors.js';
import * as items from '../../db/repositories/items.js';
import { healthFor, messageFor } from '../../integrations/plaid/errors.js';
import type { ServiceDeps } from '../deps.js';

const MAX_AGE_S = 5 * 60;
const keys = new Map<string, crypto.KeyObject>();
const refuse = (why: string) => new AppError(401, 'WEBHOOK_UNVERIFIED', `The webhook could not be verified: ${why}.`);

/**
 * Plaid's webhook verification: `Plaid-Verification` is an ES256 JWT whose `kid` names a key
 * from /webhook_verification_key/get; the signature must hold, `iat` be at most 5 minutes old,
 * and `request_body_sha256` match the raw body's SHA-256.
 */
export async function verifyPlaidWebhook(deps: ServiceDeps, rawBody: Buffer, token: string | undefined): Promise<void> {
  const parts = token?.split('.') ?? [];
  if (parts.length !== 3) throw refuse('no signature');
  const [encodedHeader, encodedPayload, encodedSignature] = parts as [string, string, string];
  let header: { alg?: string; kid?: string };
  let payload: { iat?: number; request_body_sha256?: string };
  try {
    header = JSON.parse(Buffer.from(encodedHeader, 'base64url').toString());
    payload = JSON.parse(Buffer.from(encodedPayload, 'base64url').toString());
  } catch {
    throw refuse('malformed signature');
  }
  if (header.alg !== 'ES256' || typeof header.kid !== 'string' || header.kid.length > 128) throw refuse('wrong algorithm or key');
  let key = keys.get(header.kid);
  if (!key) {
    const jwk = await deps.plaid.getWebhookKey(header.kid).catch(() => null);
    if (!jwk) throw refuse('unknown key');
    key = crypto.createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, format: 'jwk' });
    keys.set(header.kid, key);
  }
  const signed = crypto.verify('sha256', Buffer.from(`${encodedHeader}.${encodedPayload}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(encodedSignature, 'base64url'));
  if (!signed) throw refuse('bad signature');
  const age = deps.now().getTime() / 1000 - (payload.iat ?? 0);
  if (!(age <= MAX_AGE_S && age >= -MAX_AGE_S)) throw refuse('too old');
  const digest = crypto.createHash('sha256').update(rawBody).digest('hex');
  const claimed = Buffer.from(String(payload.request_body_sha256 ?? ''));
  if (claimed.length !== digest.length || !crypto.timingSafeEqual(claimed, Buffer.from(digest))) throw refuse('body does not match');
}

export interface PlaidWebhook {
  webhook_type?: string;
  webhook_code?: string;
  item_id?: string;
  error?: { error_code?: string } | null;
}

/**
 * Idempotent by design: each code sets a state or queues a job keyed by the item, so Plaid's
 * retries, duplicates and reordering leave the same result.
 */
export async function handlePlaidWebhook(deps: ServiceDeps, hook: PlaidWebhook): Promise<void> {
  const item = hook.item_id ? await items.findItemByPlaidId(deps.db, hook.item_id) : undefined;
  if (!item) return; // not ours (any more): acknowledged and ignored
  const kind = `${hook.webhook_type}/${hook.webhook_code}`;
  switch (kind) {
    case 'TRANSACTIONS/SYNC_UPDATES_AVAILABLE':
      await deps.jobs.send('sync-item', { itemId: item.id }, { singletonKey: item.id });
      break;
    case 'ITEM/ERROR': {
      const code = hook.error?.error_code ?? 'UNKNOWN';
      await items.updateItem(deps.db, item.id, { health: healthFor(code), errorCode: code, errorMessage: messageFor(code) });
      break;
    }
    case 'ITEM/PENDING_DISCONNECT':
      await items.updateItem(deps.db, item.id, { health: 'pending_disconnect', errorMessage: 'This bank will disconnect soon unless you sign in to it again.' });
      break;
    case 'ITEM/LOGIN_REPAIRED':
      await items.updateItem(deps.db, item.id, { health: null, errorCode: null, errorMessage: null });
      await deps.jobs.send('refresh-item', { itemId: item.id }, { singletonKey: item.id });
      break;
    case 'ITEM/NEW_ACCOUNTS_AVAILABLE':
      await deps.jobs.send('refresh-item', { itemId: item.id }, { singletonKey: item.id });
      break;
    default:
      break;
  }
}
