import type { Twilio } from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';

/**
 * Sending one text. Twilio has no idempotency key, so the caller must know whether a failure
 * means "not sent" (Twilio refused: `rejected`) or "maybe sent" (timeout, 5xx, network: `unknown`)
 * and never blindly re-send the second kind.
 */
export class SmsError extends Error {
  constructor(
    readonly kind: 'rejected' | 'unknown',
    message: string,
    readonly code?: number,
  ) {
    super(message);
    this.name = 'SmsError';
  }
}

export interface SmsSender {
  readonly configured: boolean;
  send(to: string, body: string): Promise<{ id: string }>;
}

export interface TwilioOptions {
  accountSid?: string;
  authToken?: string;
  from?: string;
  /** Another host for the REST API (the simulated Twilio); the SDK's own request path is kept. */
  baseUrl?: string;
  timeoutMs?: number;
}

/**
 * The SDK, loaded at the first message: a server without Twilio keys never loads it, and one with
 * keys does not pay for it at start. Another host (the simulated Twilio) goes through the SDK's
 * documented `httpClient` extension point, so its own request path is kept.
 */
async function loadClient(accountSid: string, authToken: string, timeoutMs: number, baseUrl?: string): Promise<Twilio> {
  const [{ default: twilio }, { default: RequestClientClass }] = await Promise.all([import('twilio'), import('twilio/lib/base/RequestClient.js')]);
  class RedirectingRequestClient extends RequestClientClass {
    override request<T>(opts: RequestClient.RequestOptions<T>) {
      return super.request({ ...opts, uri: opts.uri.replace(/^https:\/\/api\.twilio\.com/, baseUrl!) });
    }
  }
  return twilio(accountSid, authToken, {
    autoRetry: false,
    timeout: timeoutMs,
    ...(baseUrl && { httpClient: new RedirectingRequestClient({ timeout: timeoutMs }) }),
  });
}

const notConfigured: SmsSender = {
  configured: false,
  send: () => Promise.reject(new SmsError('rejected', 'SMS is not configured')),
};

export function createSmsSender(options: TwilioOptions): SmsSender {
  const { accountSid, authToken, from } = options;
  if (!accountSid || !authToken || !from) return notConfigured;
  const timeoutMs = options.timeoutMs ?? 15_000;
  let client: Promise<Twilio> | undefined;
  return {
    configured: true,
    async send(to, body) {
      client ??= loadClient(accountSid, authToken, timeoutMs, options.baseUrl);
      try {
        const message = await (await client).messages.create({ to, from, body });
        return { id: message.sid };
      } catch (error) {
        const e = error as { status?: number; code?: number; message?: string };
        if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
          throw new SmsError('rejected', `Twilio refused the message (${e.code ?? e.status}): ${e.message ?? ''}`.trim(), e.code);
        }
        throw new SmsError('unknown', `No clear answer from Twilio (${e.status ?? (e as { code?: string }).code ?? 'network'}); the message may have been sent.`);
      }
    },
  };
}
