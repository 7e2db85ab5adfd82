import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InstitutionCircuits } from '../../src/integrations/plaid/circuit-breaker.js';
import { PlaidClient, type ItemRef } from '../../src/integrations/plaid/client.js';
import { ItemRateLimiter } from '../../src/integrations/plaid/rate-limiter.js';
import { PlaidSimulator, SIMULATOR_CLIENT_ID, SIMULATOR_SECRET } from '../../src/integrations/plaid/simulator/server.js';

// A bank that keeps failing stops being called for a while (quality.md: a circuit breaker per
// institution), through the real SDK against the simulated Plaid.
let sim: PlaidSimulator;
let clock = 1_000_000;
let client: PlaidClient;

beforeAll(async () => {
  sim = await PlaidSimulator.start({});
  sim.switches.rateLimits = {};
  client = new PlaidClient({
    mode: 'simulated',
    basePath: sim.url,
    clientId: SIMULATOR_CLIENT_ID,
    secret: SIMULATOR_SECRET,
    attempts: 1,
    // Plaid's per-item limits would hold the sixth balance call for a minute; not what this pins.
    limiter: new ItemRateLimiter({}),
    circuits: new InstitutionCircuits({ threshold: 5, cooldownMs: 30_000, now: () => clock }),
  });
}, 60_000);
afterAll(() => sim.close());

async function linked(institutionId: string): Promise<{ token: string; item: ItemRef }> {
  const publicToken = await client.createSandboxPublicToken({ institutionId, username: 'user_good', password: 'pass_good' });
  const { accessToken, itemId } = await client.exchangePublicToken(publicToken);
  return { token: accessToken, item: { key: itemId, institutionId } };
}

const codeOf = (promise: Promise<unknown>) => promise.then(() => 'ok', (error: { code: string }) => error.code);

describe('circuit breaker per institution', () => {
  it('opens after five outage failures, fails fast without calling Plaid, and closes after a good trial', async () => {
    const first = await linked('ins_109508');
    const second = await linked('ins_109508');
    const elsewhere = await linked('ins_109509');
    sim.switches.failNext('/accounts/balance/get', 'INSTITUTION_DOWN', 5);
    for (let i = 0; i < 5; i++) expect(await codeOf(client.getBalances(first.token, first.item))).toBe('INSTITUTION_DOWN');
    // The simulator would answer now (only five failures were queued): a refusal means no call was made.
    expect(await codeOf(client.getBalances(first.token, first.item))).toBe('INSTITUTION_NOT_RESPONDING');
    expect(await codeOf(client.syncTransactions(second.token, second.item, null))).toBe('INSTITUTION_NOT_RESPONDING');
    expect(client.circuits.isOpen('ins_109508')).toBe(true);
    expect(await codeOf(client.getBalances(elsewhere.token, elsewhere.item))).toBe('ok');
    clock += 30_000;
    expect(await codeOf(client.getBalances(first.token, first.item))).toBe('ok');
    expect(client.circuits.isOpen('ins_109508')).toBe(false);
    expect(await codeOf(client.getBalances(second.token, second.item))).toBe('ok');
  });

  it('waits twice as long after a failed trial, and never counts a wrong login as an outage', async () => {
    const item = await linked('ins_109510');
    sim.switches.failNext('/accounts/balance/get', 'INSTITUTION_NOT_RESPONDING', 6);
    for (let i = 0; i < 5; i++) await codeOf(client.getBalances(item.token, item.item));
    clock += 30_000;
    expect(await codeOf(client.getBalances(item.token, item.item))).toBe('INSTITUTION_NOT_RESPONDING'); // the trial, failed at Plaid
    clock += 30_000;
    expect(client.circuits.isOpen('ins_109510')).toBe(true);
    clock += 30_000;
    expect(await codeOf(client.getBalances(item.token, item.item))).toBe('ok');

    sim.switches.failNext('/accounts/balance/get', 'ITEM_LOGIN_REQUIRED', 10);
    for (let i = 0; i < 10; i++) expect(await codeOf(client.getBalances(item.token, item.item))).toBe('ITEM_LOGIN_REQUIRED');
    expect(client.circuits.isOpen('ins_109510')).toBe(false);
  });
});
