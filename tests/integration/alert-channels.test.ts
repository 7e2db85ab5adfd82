import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyAddress } from '../../src/integrations/webhooks/address-guard.js';
import { deliverWebhook, WebhookError } from '../../src/integrations/webhooks/deliver.js';
import { startWebhookReceiver } from '../../src/integrations/webhooks/simulator/receiver.js';
import { createEmailSender, EmailError } from '../../src/integrations/email/sender.js';
import { startSmtpSimulator } from '../../src/integrations/email/simulator/server.js';

// Issue 12's channels against real servers on loopback: the signed webhook with its address guard,
// and e-mail over SMTP (nodemailer to a real smtp-server).
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let smtp: Awaited<ReturnType<typeof startSmtpSimulator>>;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
  smtp = await startSmtpSimulator();
});
afterAll(async () => {
  await receiver.close();
  await smtp.close();
});

const SECRET = 'whsec_test_secret';
const payload = { id: 'a1', kind: 'verification', title: 'Test', message: 'Your code is 123456', createdAt: '2026-11-28T00:00:00Z', data: { code: '123456' } };
const refusal = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error);

describe('webhook delivery', () => {
  it('POSTs the JSON with a signature that verifies with the secret, and with no other', async () => {
    const before = receiver.received.length;
    expect(await deliverWebhook(receiver.url, SECRET, payload, { allowLoopback: true })).toEqual({ status: 200 });
    const delivery = receiver.received[before]!;
    expect(JSON.parse(delivery.body)).toEqual(payload);
    expect(delivery.headers['content-type']).toBe('application/json');
    expect(delivery.signedWith(SECRET)).toBe(true);
    expect(delivery.signedWith('another secret')).toBe(false);
  });

  it('refuses this machine unless the operator allows loopback, and plain http anywhere else', async () => {
    const before = receiver.received.length;
    const error = await refusal(deliverWebhook(receiver.url, SECRET, payload, { allowLoopback: false }));
    expect(error).toBeInstanceOf(WebhookError);
    expect(error).toMatchObject({ kind: 'rejected', message: expect.stringContaining('ALERT_WEBHOOKS_ALLOW_LOOPBACK') });
    const resolve = async () => [{ address: '93.184.216.34', family: 4 }];
    expect(await refusal(deliverWebhook('http://example.com/hook', SECRET, payload, { allowLoopback: true, resolve }))).toMatchObject({ kind: 'rejected', message: expect.stringContaining('https') });
    expect(receiver.received.length).toBe(before);
  });

  it('refuses private, link-local and metadata addresses, given directly or by a name that resolves to one', async () => {
    for (const url of ['https://10.0.0.1/hook', 'https://169.254.169.254/latest/meta-data', 'https://[::ffff:10.0.0.1]/hook', 'https://[fd00::1]/hook', 'https://192.168.1.10/', 'https://0.0.0.0/']) {
      expect(await refusal(deliverWebhook(url, SECRET, payload, { allowLoopback: true })), url).toMatchObject({ kind: 'rejected', message: expect.stringContaining('private') });
    }
    const resolve = async (name: string) => (name === 'internal.example' ? [{ address: '10.0.0.5', family: 4 }] : [{ address: '93.184.216.34', family: 4 }, { address: '172.16.0.9', family: 4 }]);
    expect(await refusal(deliverWebhook('https://internal.example/hook', SECRET, payload, { allowLoopback: false, resolve }))).toMatchObject({ kind: 'rejected', message: expect.stringContaining('10.0.0.5') });
    // Every address a name has must pass, not only the first.
    expect(await refusal(deliverWebhook('https://mixed.example/hook', SECRET, payload, { allowLoopback: false, resolve }))).toMatchObject({ kind: 'rejected', message: expect.stringContaining('172.16.0.9') });
    expect(classifyAddress('93.184.216.34')).toBe('public');
    expect(classifyAddress('2606:4700::1111')).toBe('public');
    expect(classifyAddress('127.0.0.2')).toBe('loopback');
  });

  it('calls a 4xx answer not delivered, and a 5xx or no answer in time unknown', async () => {
    receiver.answer(404);
    expect(await refusal(deliverWebhook(receiver.url, SECRET, payload, { allowLoopback: true }))).toMatchObject({ kind: 'rejected', status: 404 });
    receiver.answer(503);
    expect(await refusal(deliverWebhook(receiver.url, SECRET, payload, { allowLoopback: true }))).toMatchObject({ kind: 'unknown', status: 503 });
    receiver.answer(200);
    const silent = http.createServer(() => undefined);
    const port = await new Promise<number>((resolve) => silent.listen(0, '127.0.0.1', () => resolve((silent.address() as { port: number }).port)));
    try {
      expect(await refusal(deliverWebhook(`http://127.0.0.1:${port}/`, SECRET, payload, { allowLoopback: true, timeoutMs: 300 }))).toMatchObject({ kind: 'unknown' });
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
    // Nobody listening: refused before anything was sent.
    expect(await refusal(deliverWebhook('http://127.0.0.1:1/', SECRET, payload, { allowLoopback: true }))).toMatchObject({ kind: 'rejected' });
  });
});

describe('e-mail over SMTP', () => {
  const message = { to: 'grace@example.com', subject: 'CashView: Plaid Checking is at 80 % of its budget', text: 'You have spent $1,600.00 of $2,000.00.', html: '<p>You have spent <strong>$1,600.00</strong> of $2,000.00.</p>' };

  it('is delivered to the SMTP server with its plain text and HTML parts', async () => {
    const sender = createEmailSender({ smtpUrl: smtp.url, from: 'CashView <alerts@cashview.test>' });
    expect(sender.configured).toBe(true);
    const { id } = await sender.send(message);
    expect(id).toMatch(/@/);
    const mail = smtp.received.at(-1)!;
    expect(mail).toMatchObject({ from: 'alerts@cashview.test', to: ['grace@example.com'], subject: message.subject });
    expect(mail.raw).toContain('text/plain');
    expect(mail.raw).toContain('text/html');
    expect(mail.raw).toContain('You have spent $1,600.00 of $2,000.00.');
  });

  it('reports a refusal as not delivered, and says so when e-mail is not configured', async () => {
    smtp.refuse(true);
    try {
      const error = await refusal(createEmailSender({ smtpUrl: smtp.url, from: 'alerts@cashview.test' }).send(message));
      expect(error).toBeInstanceOf(EmailError);
      expect(error).toMatchObject({ kind: 'rejected' });
    } finally {
      smtp.refuse(false);
    }
    expect(await refusal(createEmailSender({ smtpUrl: 'smtp://127.0.0.1:1', from: 'alerts@cashview.test', timeoutMs: 2_000 }).send(message))).toMatchObject({ kind: 'rejected' });
    const none = createEmailSender({});
    expect(none.configured).toBe(false);
    expect(await refusal(none.send(message))).toMatchObject({ kind: 'rejected', message: 'e-mail is not configured' });
  });
});
