import path from 'node:path';
import Fastify, { type FastifyReply, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from '../db/client.js';
import type { PlaidClient } from '../integrations/plaid/client.js';
import type { SmsSender } from '../integrations/twilio/sms.js';
import type { EmailSender } from '../integrations/email/sender.js';
import type { WebhookOptions } from '../integrations/webhooks/deliver.js';
import type { Keyring } from '../services/crypto/keyring.js';
import type { JobQueue, ServiceDeps } from '../services/deps.js';
import { openReadCaches } from '../services/read-cache.js';
import type { Config } from './config.js';
import { errorHandler } from './errors.js';
import { projectRoot } from '../project-root.js';
import { loggerOptions, serviceLogger } from './logger.js';
import apiDocs from './plugins/api-docs.js';
import auth from './plugins/auth.js';
import rateLimits from './plugins/rate-limits.js';
import securityHeaders from './plugins/security-headers.js';
import webApp from './plugins/web-app.js';
import { alertRoutes } from './routes/alerts.js';
import { budgetRoutes } from './routes/budgets.js';
import { dashboardRoutes } from './routes/dashboard.js';
import { healthRoutes } from './routes/health.js';
import { historyRoutes } from './routes/history.js';
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
  email: EmailSender;
  webhooks: WebhookOptions;
  now?: () => Date;
  crashPoint?: (name: string) => void;
  /** Overrides for tests (a log stream to inspect, say). */
  fastify?: FastifyServerOptions;
  /** The use cases' and jobs' logger; by default one at the configured level, with the same redaction. */
  log?: ServiceDeps['log'];
}

const webRoot = path.join(projectRoot, 'dist', 'web');

/** A ready CashView, not listening: main.ts listens, tests inject. */
export async function buildApp(deps: AppDeps) {
  const { config, database } = deps;
  const services = servicesOf(deps);
  const app = Fastify({
    logger: loggerOptions(config.logLevel),
    trustProxy: config.trustProxy,
    bodyLimit: 64 * 1024,
    return503OnClosing: true,
    // The router's own refusals (a path parameter over 100 characters, a malformed URL) in the one error shape.
    frameworkErrors: (error, _request, raw) => {
      const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
      const reply = raw as unknown as FastifyReply;
      void reply
        .status(tooLong ? 414 : 400)
        .header('cache-control', 'no-store')
        .send({ error: { code: tooLong ? 'PARAMETER_TOO_LONG' : 'BAD_URL', message: tooLong ? 'A part of the address is too long.' : 'The address is not valid.' } });
    },
    ...deps.fastify,
  }).withTypeProvider<ZodTypeProvider>();

  // Every route as registered, for the walks that must cover each one (tests/integration/walks).
  const routes: RegisteredRoute[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routes.push({ method, url: route.url, public: route.config?.public === true, csrf: route.config?.csrf !== false, schema: route.schema });
    }
  });
  app.decorate('registeredRoutes', routes);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  // A POST with no body at all (as curl sends it) is read as an empty object: the route's schema
  // then takes it, or names each missing field, instead of refusing "null".
  // An explicit JSON `null` is still refused as what it is.
  app.addHook('preValidation', async (request) => {
    const empty = !request.headers['transfer-encoding'] && Number(request.headers['content-length'] ?? 0) === 0;
    if (empty && (request.body === null || request.body === undefined)) request.body = {};
  });

  // Shutting down: answers still in flight end their connection, so closing does not wait for
  // keep-alive sockets to time out (SIGTERM must finish within 10 s, dropping nothing).
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });

  const caches = openReadCaches();

  await app.register(securityHeaders, { plaidLink: config.plaid.mode !== 'simulated' });
  await app.register(rateLimits);
  await app.register(auth, { deps: services, publicOrigin: config.publicOrigin });
  await app.register(apiDocs);
  await app.register(healthRoutes, { ping: database.ping });
  await app.register(sessionRoutes, { deps: services, signInPerHour: config.limits.signInPerHour });
  await app.register(userRoutes, { deps: services, signUpPerHour: config.limits.signUpPerHour });
  await app.register(institutionRoutes, { deps: services });
  await app.register(dashboardRoutes, { deps: services, cache: caches.dashboards });
  await app.register(budgetRoutes, { deps: services });
  await app.register(alertRoutes, { deps: services });
  await app.register(historyRoutes, { deps: services, cache: caches.histories });
  await app.register(plaidWebhookRoutes, { deps: services });
  await app.register(webApp, { root: webRoot });

  await app.ready();
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;

export interface RegisteredRoute {
  method: string;
  url: string;
  public: boolean;
  csrf: boolean;
  schema?: { body?: unknown; params?: unknown; querystring?: unknown };
}

declare module 'fastify' {
  interface FastifyInstance {
    registeredRoutes: RegisteredRoute[];
  }
}

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
    email: deps.email,
    webhooks: deps.webhooks,
    publicOrigin: deps.config.publicOrigin ?? null,
    log: deps.log ?? serviceLogger(deps.config.logLevel),
    crashPoint: deps.crashPoint,
  };
}
