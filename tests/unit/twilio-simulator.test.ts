import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmsSender, SmsError } from '../../src/integrations/twilio/sms.js';
import { TEST_ACCOUNT_SID, TEST_AUTH_TOKEN, TEST_FROM, TwilioSimulator } from '../../src/integrations/twilio/simulator/server.js';
import { openApiValidator, referencesPresent } from '../helpers/openapi.js';

const present = referencesPresent('The Twilio contract tests', 'twilio-api-v2010.yaml');
let twilio: TwilioSimulator;
let validate: ReturnType<typeof openApiValidator>;
beforeAll(async () => {
  if (present) validate = openApiValidator('twilio-api-v2010.yaml');
  twilio = await TwilioSimulator.start();
}, 60_000);
afterAll(() => twilio.close());

const sender = (timeoutMs = 5_000) =>
  createSmsSender({ accountSid: TEST_ACCOUNT_SID, authToken: TEST_AUTH_TOKEN, from: TEST_FROM, baseUrl: twilio.url, timeoutMs });

async function post(form: Record<string, string>, auth = `${TEST_ACCOUNT_SID}:${TEST_AUTH_TOKEN}`) {
  const response = await fetch(`${twilio.url}/2010-04-01/Accounts/${TEST_ACCOUNT_SID}/Messages.json`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(auth).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const expectProblem = (body: Record<string, unknown>, status: number, code: number) =>
  expect(body).toEqual({ code, message: expect.any(String), more_info: expect.stringContaining(String(code)), status });

describe.skipIf(!present)('simulated Twilio against Twilio’s OpenAPI document', () => {
  it('creates a message as Twilio answers it: 201, an SM sid, status queued, an RFC 2822 date', async () => {
    const { status, body } = await post({ To: '+14155550100', From: TEST_FROM, Body: 'hello' });
    expect(status).toBe(201);
    expect(validate('/components/schemas/api.v2010.account.message', body)).toEqual([]);
    expect(body).toMatchObject({ sid: expect.stringMatching(/^SM[0-9a-f]{32}$/), status: 'queued', to: '+14155550100' });
  });

  it('answers the test numbers, bad fields and bad credentials with Twilio’s errors', async () => {
    expectProblem((await post({ To: '+15005550001', From: TEST_FROM, Body: 'x' })).body, 400, 21211);
    expectProblem((await post({ To: '+15005550009', From: TEST_FROM, Body: 'x' })).body, 400, 21614);
    expectProblem((await post({ From: TEST_FROM, Body: 'x' })).body, 400, 21604);
    expectProblem((await post({ To: '+14155550100', From: TEST_FROM, Body: 'x'.repeat(1601) })).body, 400, 21617);
    expectProblem((await post({ To: '+14155550100', From: TEST_FROM, Body: 'x' }, `${TEST_ACCOUNT_SID}:wrong`)).body, 401, 20003);
  });
});

describe('the SMS sender over the official SDK', () => {
  it('sends and returns Twilio’s sid; the simulator records the message', async () => {
    const before = twilio.delivered('+14155550111').length;
    const { id } = await sender().send('+14155550111', 'CashView budget for Checking: $1.00 spent of your $2.00 monthly budget.');
    expect(id).toMatch(/^SM/);
    expect(twilio.delivered('+14155550111')).toHaveLength(before + 1);
  });

  it('calls a refusal "rejected" (not sent) and a 5xx or a timeout "unknown" (maybe sent)', async () => {
    await expect(sender().send('+15005550001', 'x')).rejects.toMatchObject({ kind: 'rejected', code: 21211 });
    twilio.failNext('5xx');
    await expect(sender().send('+14155550122', 'x')).rejects.toMatchObject({ kind: 'unknown' });
    twilio.failNext('hang');
    const error = await sender(300).send('+14155550133', 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SmsError);
    expect((error as SmsError).kind).toBe('unknown');
    expect(twilio.delivered('+14155550133')[0]?.outcome).toBe('hung-after-send');
  });

  it('without credentials is not configured and sends nothing', async () => {
    const none = createSmsSender({});
    expect(none.configured).toBe(false);
    await expect(none.send('+14155550100', 'x')).rejects.toMatchObject({ kind: 'rejected' });
  });
});
