import { resetDemo } from '../services/demo/demo-user.js';
import type { ServiceDeps } from '../services/deps.js';

/** Operator commands (`npm run demo:reset`, …): run by the running CashView when there is one. */
export const COMMANDS: Record<string, (services: ServiceDeps, args: Record<string, string>) => Promise<object>> = {
  'demo-reset': async (services) => {
    await resetDemo(services);
    return { reset: true };
  },
};
