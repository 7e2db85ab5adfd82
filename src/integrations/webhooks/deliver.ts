import crypto from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { AddressRefused, checkedAddress, type Resolver } from './address-guard.js';

/**
 * One signed delivery to a person's webhook: a JSON POST with `X-CashView-Signature: sha256=<hex
 * HMAC-SHA256 of the raw body>` under their secret. Like a text, a failure is either `rejected`
 * (refused before sending, or the receiver answered 4xx: not delivered) or `unknown` (a timeout, a
 * dropped connection, a 5xx: maybe delivered), and the caller never re-sends the second kind blindly.
 */
export class WebhookError extends Error {
  constructor(
    readonly kind: 'rejected' | 'unknown',
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'WebhookError';
  }
}

export const signatureOf = (secret: string, body: string) => `sha256=${crypto.createHmac('sha256', secret).update(body).digest('hex')}`;

export interface WebhookOptions {
  allowLoopback: boolean;
  timeoutMs?: number;
  /** Name resolution (tests give their own; the system's by default). */
  resolve?: Resolver;
}

export async function deliverWebhook(target: string, secret: string, payload: unknown, options: WebhookOptions): Promise<{ status: number }> {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new WebhookError('rejected', 'the webhook address is not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new WebhookError('rejected', 'a webhook must use https');
  let pinned: { address: string; family: number };
  try {
    pinned = await checkedAddress(url, options);
  } catch (error) {
    if (error instanceof AddressRefused) throw new WebhookError('rejected', error.message);
    throw error;
  }
  const body = JSON.stringify(payload);
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: 'POST',
        // The connection goes to the address checked above, whatever a second lookup would say.
        lookup: (_hostname, lookupOptions, callback) => {
          if ((lookupOptions as { all?: boolean }).all) (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [pinned]);
          else callback(null, pinned.address, pinned.family);
        },
        headers: { 'content-type': 'application/json', 'user-agent': 'CashView-Alerts/1', 'x-cashview-signature': signatureOf(secret, body), 'content-length': Buffer.byteLength(body) },
        timeout: options.timeoutMs ?? 10_000,
      },
      (response) => {
        response.resume();
        const status = response.statusCode ?? 0;
        if (status >= 200 && status < 300) resolve({ status });
        else if (status >= 400 && status < 500) reject(new WebhookError('rejected', `the webhook answered ${status}`, status));
        else reject(new WebhookError('unknown', `the webhook answered ${status}`, status));
      },
    );
    request.on('timeout', () => request.destroy(new WebhookError('unknown', 'the webhook did not answer in time')));
    request.on('error', (error) => {
      if (error instanceof WebhookError) return reject(error);
      // Refused before anything was sent: not delivered. Anything later: maybe delivered.
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH') reject(new WebhookError('rejected', `the webhook could not be reached (${code})`));
      else reject(new WebhookError('unknown', `the delivery failed: ${error.message}`));
    });
    request.end(body);
  });
}
