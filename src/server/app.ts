import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from '../db/client.js';
import type { PlaidClient } from '../integrations/plaid/client.js';
import type { SmsSender } from '../integrations/twilio/sms.js';
import type { Keyring } from '../services/crypto/keyring.js';
import type { JobQueue, ServiceDeps } from '../services/deps.js';
import type { Config } from './config.js';
import { controlRoutes } from './control.js';
import { errorHandler } from './errors.js';
import { loggerOptions } from './logger.js';
import apiDocs from './plugins/api-docs.js';
import auth from './plugins/auth.js';
import rateLimits from './plugins/rate-limits.js';
import securityHeaders from './plugins/security-headers.js';
import webApp from './plugins/web-app.js';
import { budgetRoutes } from './routes/budgets.js';
import { dashboardRoutes } from './routes/dashboard.js';
import { healthRoutes } from './routes/health.js';
import { institutionRoutes } from './routes/institutions.js';
import { plaidWebhookRoutes } from './routes/plaid-webhook.js';
import { sessionRoutes } from './routes/session.js';
import { userRoutes } from './routes/users.js';

export interface AppDeps {
  config: Config;
  database: Database;
  keyring: Keyring;
  plaid: PlaidClient;
  jobs: JobQueue;
  sms: SmsSender;
  now?: () => Date;
  crashPoint?: (name: string) => void;
  /** When set, operator commands are taken on loopback with this secret (src/server/control.ts). */
  controlSecret?: string;
  /** Overrides for tests (a log stream to inspect, say). */
  fastify?: FastifyServerOptions;
}

const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

/** A ready CashView, not listening: main.ts listens, tests inject. */
export async function buildApp(deps: AppDeps) {
  const { config, database } = deps;
  const services = servicesOf(deps);
  const app = Fastify({
    logger: loggerOptions(config.logLevel),
    trustProxy: config.trustProxy,
    bodyLimit: 64 * 1024,
    return503OnClosing: true,
    ...deps.fastify,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);

  await app.register(securityHeaders, { plaidLink: config.plaid.mode !== 'simulated' });
  await app.register(rateLimits);
  await app.register(auth, { deps: services, publicOrigin: config.publicOrigin });
  await app.register(apiDocs);
  await app.register(healthRoutes, { ping: database.ping });
  await app.register(sessionRoutes, { deps: services, signInPerHour: config.limits.signInPerHour });
  await app.register(userRoutes, { deps: services, signUpPerHour: config.limits.signUpPerHour });
  await app.register(institutionRoutes, { deps: services });
  await app.register(dashboardRoutes, { deps: services });
  await app.register(budgetRoutes, { deps: services });
  await app.register(plaidWebhookRoutes, { deps: services });
  if (deps.controlSecret) await app.register(controlRoutes, { secret: deps.controlSecret, services });
  await app.register(webApp, { root: webRoot });

  await app.ready();
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;

/** The use cases' dependencies as the app built them (jobs and commands use the same). */
export function servicesOf(deps: AppDeps): ServiceDeps {
  return {
    db: deps.database.db,
    keyring: deps.keyring,
    now: deps.now ?? (() => new Date()),
    plaid: deps.plaid,
    jobs: deps.jobs,
    plaidWebhookUrl: deps.config.plaid.webhookUrl ?? null,
    sms: deps.sms,
    crashPoint: deps.crashPoint,
  };
}
