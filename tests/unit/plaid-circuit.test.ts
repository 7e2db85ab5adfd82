import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InstitutionCircuits } from '../../src/integrations/plaid/circuit-breaker.js';
import { PlaidApiError } from '../../src/integrations/plaid/errors.js';
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

describe('the circuit’s corners', () => {
  const down = () => new PlaidApiError('INSTITUTION_DOWN', 400, 'INSTITUTION_ERROR', 'down');
  const refusedNow = (circuits: InstitutionCircuits, id: string) => {
    try {
      circuits.admit(id);
      return false;
    } catch (error) {
      return (error as PlaidApiError).code === 'INSTITUTION_NOT_RESPONDING';
    }
  };

  it('lets exactly one trial through when half-open; the others fail fast until it answers', () => {
    let now = 0;
    const circuits = new InstitutionCircuits({ threshold: 2, cooldownMs: 1_000, now: () => now });
    circuits.record('bank', down());
    expect(refusedNow(circuits, 'bank')).toBe(false); // one failure: still closed
    circuits.record('bank', down());
    expect(refusedNow(circuits, 'bank')).toBe(true);
    now = 999;
    expect(refusedNow(circuits, 'bank')).toBe(true);
    now = 1_000;
    expect(refusedNow(circuits, 'bank')).toBe(false); // the trial
    expect(refusedNow(circuits, 'bank')).toBe(true); // another caller while the trial runs
    circuits.record('bank', null); // the trial succeeded
    expect(refusedNow(circuits, 'bank')).toBe(false);
    expect(refusedNow(circuits, 'bank')).toBe(false);
  });

  it('doubles the wait after each failed trial, up to the cap', () => {
    let now = 0;
    const circuits = new InstitutionCircuits({ threshold: 1, cooldownMs: 1_000, maxCooldownMs: 5_000, now: () => now });
    circuits.record('bank', down());
    const waits: number[] = [];
    for (let trial = 0; trial < 5; trial++) {
      const openedAt = now;
      while (refusedNow(circuits, 'bank')) now += 100;
      waits.push(now - openedAt);
      circuits.record('bank', down()); // the trial failed too
    }
    expect(waits).toEqual([1_000, 2_000, 4_000, 5_000, 5_000]);
  });

  it('does not stretch the wait for failures of calls already under way when it opened', () => {
    let now = 0;
    const circuits = new InstitutionCircuits({ threshold: 2, cooldownMs: 1_000, now: () => now });
    circuits.record('bank', down());
    circuits.record('bank', down());
    now = 500;
    circuits.record('bank', down()); // a slow call that started before it opened
    now = 1_000;
    expect(circuits.isOpen('bank')).toBe(false);
    expect(refusedNow(circuits, 'bank')).toBe(false);
  });

  it('counts a timeout as an outage, and any other answer as the bank being there', () => {
    const circuits = new InstitutionCircuits({ threshold: 2, cooldownMs: 1_000, now: () => 0 });
    const timeout = new PlaidApiError('TIMEOUT', 0, 'NETWORK', 'Plaid did not answer in time');
    circuits.record('slow', timeout);
    circuits.record('slow', timeout);
    expect(circuits.isOpen('slow')).toBe(true);
    circuits.record('mixed', down());
    circuits.record('mixed', new PlaidApiError('ITEM_LOGIN_REQUIRED', 400, 'ITEM_ERROR', 'login'));
    circuits.record('mixed', down());
    expect(circuits.isOpen('mixed')).toBe(false);
  });
});
