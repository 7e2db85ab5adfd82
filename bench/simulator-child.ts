import crypto from 'node:crypto';
import { PlaidSimulator } from '../src/integrations/plaid/simulator/server.js';

// The simulated Plaid in a process of its own, so the CPU the benchmark counts for CashView is
// CashView's. Told over IPC how many items to know; answers each item's id and access token.
const simulator = await PlaidSimulator.start({ latencyMs: Number(process.env.PLAID_SIM_LATENCY_MS ?? 0) });
process.send!({ url: simulator.url });
process.on('message', (message: { seed?: number }) => {
  if (!message.seed) return;
  const seeded = [];
  for (let i = 0; i < message.seed; i++) {
    const record = { itemId: `bench-item-${i}-${crypto.randomBytes(4).toString('hex')}`, accessToken: `access-sandbox-${crypto.randomUUID()}`, institutionId: 'ins_109508', webhook: null, state: 'good' as const, createdAt: Date.now() };
    simulator.items.restore(record, { history: false });
    seeded.push({ itemId: record.itemId, accessToken: record.accessToken });
  }
  process.send!({ seeded });
});
process.on('disconnect', () => void simulator.close().then(() => process.exit(0)));
