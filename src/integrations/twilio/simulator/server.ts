import crypto from 'node:crypto';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';

export const TEST_ACCOUNT_SID = `AC${'0'.repeat(31)}1`;
export const TEST_AUTH_TOKEN = 'cashview-simulated-token';
export const TEST_FROM = '+15005550006';

export interface ReceivedMessage {
  sid: string;
  to: string;
  from: string;
  body: string;
  /** What the simulator did with it: answered 201, answered 5xx after "sending", or never answered. */
  outcome: 'created' | 'failed-after-send' | 'hung-after-send';
}

const rfc2822 = (date: Date) => date.toUTCString().replace('GMT', '+0000');
const problem = (status: number, code: number, message: string) => ({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });

/**
 * The simulated Twilio: Messages create as Twilio's 2010-04-01 API answers it, with the magic
 * test numbers' errors, switches for latency, 5xx and answers that never come, and a record of
 * every message it accepted, so tests can count what a person would have received.
 */
export class TwilioSimulator {
  readonly app: FastifyInstance;
  readonly messages: ReceivedMessage[] = [];
  latencyMs = 0;
  private failures: ('5xx' | 'hang')[] = [];
  url = '';

  constructor(
    private accountSid = TEST_ACCOUNT_SID,
    private authToken = TEST_AUTH_TOKEN,
  ) {
    this.app = Fastify({ logger: false, forceCloseConnections: true });
    void this.app.register(formbody);
    this.routes();
  }

  static async start(port = 0): Promise<TwilioSimulator> {
    const simulator = new TwilioSimulator();
    simulator.url = await simulator.app.listen({ host: '127.0.0.1', port });
    return simulator;
  }

  close() {
    return this.app.close();
  }

  /** The next `count` messages are "sent" but answered with a 500, or never answered at all. */
  failNext(kind: '5xx' | 'hang', count = 1) {
    for (let i = 0; i < count; i++) this.failures.push(kind);
  }

  delivered(to?: string) {
    return this.messages.filter((m) => !to || m.to === to);
  }

  private routes() {
    this.app.post<{ Params: { sid: string }; Body: Record<string, string> }>('/2010-04-01/Accounts/:sid/Messages.json', async (request, reply) => {
      if (this.latencyMs) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
      const expected = `Basic ${Buffer.from(`${this.accountSid}:${this.authToken}`).toString('base64')}`;
      if (request.headers.authorization !== expected || request.params.sid !== this.accountSid) {
        return reply.status(401).send(problem(401, 20003, 'Authenticate'));
      }
      const { To: to, From: from, Body: body, MessagingServiceSid: service } = request.body ?? {};
      if (!to) return reply.status(400).send(problem(400, 21604, "A 'To' phone number is required."));
      if (!from && !service) return reply.status(400).send(problem(400, 21603, "A 'From' or 'MessagingServiceSid' parameter is required to send a message."));
      if (!body) return reply.status(400).send(problem(400, 21602, 'Message body is required.'));
      if (body.length > 1600) return reply.status(400).send(problem(400, 21617, 'The concatenated message body exceeds the 1600 character limit.'));
      if (!/^\+[1-9]\d{6,14}$/.test(to) || to === '+15005550001') return reply.status(400).send(problem(400, 21211, `The 'To' number ${to} is not a valid phone number.`));
      if (to === '+15005550009') return reply.status(400).send(problem(400, 21614, `'To' number ${to} is not a mobile number`));
      const sid = `SM${crypto.randomBytes(16).toString('hex')}`;
      const failure = this.failures.shift();
      this.messages.push({ sid, to, from: from ?? service!, body, outcome: failure === '5xx' ? 'failed-after-send' : failure === 'hang' ? 'hung-after-send' : 'created' });
      if (failure === '5xx') return reply.status(500).send(problem(500, 20500, 'Internal Server Error'));
      if (failure === 'hang') return new Promise(() => {}); // the answer is lost: the client times out
      const now = rfc2822(new Date());
      return reply.status(201).send({
        account_sid: this.accountSid,
        api_version: '2010-04-01',
        body,
        date_created: now,
        date_sent: null,
        date_updated: now,
        direction: 'outbound-api',
        error_code: null,
        error_message: null,
        from: from ?? null,
        messaging_service_sid: service ?? null,
        num_media: '0',
        num_segments: '1',
        price: null,
        price_unit: 'USD',
        sid,
        status: 'queued',
        subresource_uris: { media: `/2010-04-01/Accounts/${this.accountSid}/Messages/${sid}/Media.json` },
        to,
        uri: `/2010-04-01/Accounts/${this.accountSid}/Messages/${sid}.json`,
      });
    });
  }
}
