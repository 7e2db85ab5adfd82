import { PlaidSimulator, SIMULATOR_CLIENT_ID, SIMULATOR_SECRET } from './server.js';

// `npm run plaid:sim`: the simulated Plaid sandbox on its own (PORT, default 4010; PLAID_SIM_LATENCY_MS).
const port = Number(process.env.PORT ?? 4010);
const latencyMs = Number(process.env.PLAID_SIM_LATENCY_MS ?? 0);
const simulator = await PlaidSimulator.start({ port, latencyMs, host: process.env.HOST ?? '127.0.0.1' });
console.log(`Simulated Plaid sandbox on ${simulator.url} (client id ${SIMULATOR_CLIENT_ID}, secret ${SIMULATOR_SECRET})`);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => void simulator.close().then(() => process.exit(0)));
