import type { FastifyPluginAsync } from 'fastify';
import { AppError } from '../../domain/errors.js';
import { handlePlaidWebhook, verifyPlaidWebhook, type PlaidWebhook } from '../../services/banking/webhooks.js';
import type { ServiceDeps } from '../../services/deps.js';

/**
 * Plaid's webhooks. No session and no CSRF token: the ES256 signature over the raw body is the
 * proof, so the body is kept as bytes until it has been checked.
 */
export const plaidWebhookRoutes: FastifyPluginAsync<{ deps: ServiceDeps }> = async (app, { deps }) => {
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: 256 * 1024 }, (_request, body, done) => done(null, body));
  app.post(
    '/api/plaid/webhook',
    { config: { public: true, csrf: false, rateLimit: { max: 600, timeWindow: '1 minute' } }, schema: { hide: true } },
    async (request, reply) => {
      const raw = request.body;
      if (!Buffer.isBuffer(raw)) throw new AppError(400, 'BAD_REQUEST', 'Send the webhook as application/json.');
      const header = request.headers['plaid-verification'];
      await verifyPlaidWebhook(deps, raw, typeof header === 'string' ? header : undefined);
      let hook: PlaidWebhook;
      try {
        hook = JSON.parse(raw.toString('utf8')) as PlaidWebhook;
      } catch {
        throw new AppError(400, 'MALFORMED_JSON', 'The request body is not valid JSON.');
      }
      await handlePlaidWebhook(deps, hook);
      return reply.status(200).send({ received: true });
    },
  );
};
