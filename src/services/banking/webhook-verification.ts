import crypto from 'node:crypto';
import { decodeProtectedHeader, importJWK, jwtVerify, type CryptoKey } from 'jose';
import { AppError } from '../../domain/errors.js';
import { PlaidApiError } from '../../integrations/plaid/errors.js';
import type { ServiceDeps } from '../deps.js';

const MAX_AGE_S = 5 * 60;
/** How far Plaid's clock may run ahead of this server's. */
const CLOCK_SKEW_S = 5;
/** Unknown key ids are looked up at most this often (a flood of made-up kids costs Plaid nothing). */
const LOOKUPS_PER_MINUTE = 10;
/** A key id Plaid did not know is not asked about again for this long. */
const MISS_TTL_MS = 10 * 60_000;

const refuse = (why: string) => new AppError(401, 'WEBHOOK_UNVERIFIED', `The webhook could not be verified: ${why}.`);

interface KnownKey {
  key: CryptoKey | Uint8Array;
  /** Plaid's `expired_at`: after it, the key signs nothing any more. */
  expiredAt: number | null;
}

/** Webhook keys of one Plaid client: found ones kept, misses remembered, lookups bounded. */
class WebhookKeys {
  private readonly known = new Map<string, KnownKey>();
  private readonly misses = new Map<string, number>();
  private lookups: number[] = [];

  async find(deps: Pick<ServiceDeps, 'plaid' | 'now'>, kid: string): Promise<KnownKey> {
    const known = this.known.get(kid);
    if (known) return known;
    const now = deps.now().getTime();
    const missedAt = this.misses.get(kid);
    if (missedAt !== undefined && now - missedAt < MISS_TTL_MS) throw refuse('unknown key');
    this.lookups = this.lookups.filter((at) => now - at < 60_000);
    if (this.lookups.length >= LOOKUPS_PER_MINUTE) throw refuse('unknown key (too many lookups just now)');
    this.lookups.push(now);
    let jwk;
    try {
      jwk = await deps.plaid.getWebhookKey(kid);
    } catch (error) {
      // Plaid down or slow: refused now, asked again next time. Plaid saying no: remembered.
      if (error instanceof PlaidApiError && !error.retryable) this.remember(kid, now);
      throw refuse('unknown key');
    }
    if (jwk.kty !== 'EC' || jwk.crv !== 'P-256') {
      this.remember(kid, now);
      throw refuse('unknown key');
    }
    const found = {
      key: await importJWK({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, 'ES256'),
      expiredAt: typeof jwk.expired_at === 'number' ? jwk.expired_at * 1000 : null,
    };
    this.known.set(kid, found);
    return found;
  }

  private remember(kid: string, now: number) {
    if (this.misses.size > 1000) this.misses.clear();
    this.misses.set(kid, now);
  }
}

const keysByClient = new WeakMap<object, WebhookKeys>();

/**
 * Plaid's webhook verification (plaid.md), with the maintained `jose` library: `Plaid-Verification`
 * is an ES256 JWT whose `kid` names a key from /webhook_verification_key/get that has not expired;
 * the signature must hold, `iat` be at most 5 minutes old and not in the future, and
 * `request_body_sha256` match the raw body's SHA-256. Anything malformed is a 401, never a 500.
 */
export async function verifyPlaidWebhook(deps: Pick<ServiceDeps, 'plaid' | 'now'>, rawBody: Buffer, token: string | undefined): Promise<void> {
  if (!token || token.length > 4096 || token.split('.').length !== 3) throw refuse('no signature');
  let kid: unknown;
  let alg: unknown;
  try {
    ({ kid, alg } = decodeProtectedHeader(token));
  } catch {
    throw refuse('malformed signature');
  }
  if (alg !== 'ES256' || typeof kid !== 'string' || kid.length === 0 || kid.length > 128) throw refuse('wrong algorithm or key');
  let keys = keysByClient.get(deps.plaid);
  if (!keys) keysByClient.set(deps.plaid, (keys = new WebhookKeys()));
  const { key, expiredAt } = await keys.find(deps, kid);
  const now = deps.now();
  if (expiredAt !== null && expiredAt <= now.getTime()) throw refuse('the key has expired');
  let payload: { iat?: unknown; request_body_sha256?: unknown };
  try {
    ({ payload } = await jwtVerify(token, key, { algorithms: ['ES256'], currentDate: now, maxTokenAge: MAX_AGE_S, clockTolerance: CLOCK_SKEW_S, requiredClaims: ['iat'] }));
  } catch {
    throw refuse('bad signature, or too old');
  }
  // jose refuses an `iat` in the future too (beyond the skew allowed between Plaid's clock and ours).
  if (typeof payload.iat !== 'number') throw refuse('no issue time');
  const digest = crypto.createHash('sha256').update(rawBody).digest('hex');
  const claimed = Buffer.from(String(payload.request_body_sha256 ?? ''));
  if (claimed.length !== digest.length || !crypto.timingSafeEqual(claimed, Buffer.from(digest))) throw refuse('body does not match');
}
