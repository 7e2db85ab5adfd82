import { AppError } from '../domain/errors.js';
import { runDaily } from '../services/daily.js';
import { resetDemo } from '../services/demo/demo-user.js';
import type { ServiceDeps } from '../services/deps.js';

/** Operator commands (`npm run demo:reset`, `npm run jobs:daily`): src/server/cli.ts runs them on the database directly. */
export const COMMANDS: Record<string, (services: ServiceDeps, args: Record<string, string>) => Promise<object>> = {
  'demo-reset': async (services) => {
    await resetDemo(services);
    return { reset: true };
  },
  /** `npm run jobs:daily [-- --as-of YYYY-MM-DD] [--concurrency N]`: the daily job now, or as of noon UTC that day (DAILY_JOB_CONCURRENCY banks at once by default). */
  daily: async (services, args) => {
    if (args.asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(args.asOf)) throw new AppError(400, 'VALIDATION_FAILED', '--as-of must be a day as YYYY-MM-DD.');
    const asOf = args.asOf ? new Date(`${args.asOf}T12:00:00Z`) : undefined;
    if (asOf && Number.isNaN(asOf.getTime())) throw new AppError(400, 'VALIDATION_FAILED', '--as-of is not a real day.');
    const concurrency = args.concurrency === undefined ? undefined : Number(args.concurrency);
    if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= 200)) throw new AppError(400, 'VALIDATION_FAILED', '--concurrency must be a whole number from 1 to 200.');
    return runDaily(services, { asOf, concurrency, resetDemo: args.resetDemo !== 'false' });
  },
};
