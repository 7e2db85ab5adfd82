import crypto from 'node:crypto';

/**
 * Signs webhooks as Plaid does: an ES256 JWT in `Plaid-Verification` whose `kid` names a key
 * served by /webhook_verification_key/get and whose payload carries the body's SHA-256.
 */
export class WebhookSigner {
  kid = crypto.randomUUID();
  private keys = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  private createdAt = Math.floor(Date.now() / 1000);
  private expiredAt: number | null = null;

  constructor(private now: () => number) {}

  /** Plaid rotates its keys: a new one signs from now on (tests: `expiredAt` marks it expired). */
  rotate(options: { expiredAt?: number } = {}) {
    this.kid = crypto.randomUUID();
    this.keys = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.createdAt = Math.floor(this.now() / 1000);
    this.expiredAt = options.expiredAt ?? null;
  }

  jwk() {
    const { x, y } = this.keys.publicKey.export({ format: 'jwk' });
    return { alg: 'ES256', crv: 'P-256', kid: this.kid, kty: 'EC', use: 'sig', x: x!, y: y!, created_at: this.createdAt, expired_at: this.expiredAt };
  }

  sign(body: string, options: { iat?: number } = {}): string {
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const header = encode({ alg: 'ES256', kid: this.kid, typ: 'JWT' });
    const payload = encode({
      iat: options.iat ?? Math.floor(this.now() / 1000),
      request_body_sha256: crypto.createHash('sha256').update(body).digest('hex'),
    });
    const signature = crypto.sign('sha256', Buffer.from(`${header}.${payload}`), { key: this.keys.privateKey, dsaEncoding: 'ieee-p1363' });
    return `${header}.${payload}.${signature.toString('base64url')}`;
  }
}

export type WebhookDelivery = (url: string, body: string, headers: Record<string, string>) => Promise<void>;

export const deliverOverHttp: WebhookDelivery = async (url, body, headers) => {
  await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers }, signal: AbortSignal.timeout(10_000) });
};
