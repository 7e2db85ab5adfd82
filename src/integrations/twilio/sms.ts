import twilio from 'twilio';
import RequestClient from 'twilio/lib/base/RequestClient.js';

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

/** The SDK's HTTP client, pointed at another host (Twilio's documented `httpClient` extension point). */
class RedirectingRequestClient extends RequestClient {
  constructor(
    private baseUrl: string,
    timeoutMs: number,
  ) {
    super({ timeout: timeoutMs });
  }

  override request<T>(opts: RequestClient.RequestOptions<T>) {
    return super.request({ ...opts, uri: opts.uri.replace(/^https:\/\/api\.twilio\.com/, this.baseUrl) });
  }
}

const notConfigured: SmsSender = {
  configured: false,
  send: () => Promise.reject(new SmsError('rejected', 'SMS is not configured')),
};

export function createSmsSender(options: TwilioOptions): SmsSender {
  const { accountSid, authToken, from } = options;
  if (!accountSid || !authToken || !from) return notConfigured;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const client = twilio(accountSid, authToken, {
    autoRetry: false,
    timeout: timeoutMs,
    ...(options.baseUrl && { httpClient: new RedirectingRequestClient(options.baseUrl, timeoutMs) }),
  });
  return {
    configured: true,
    async send(to, body) {
      try {
        const message = await client.messages.create({ to, from, body });
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
