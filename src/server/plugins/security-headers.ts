import helmet from '@fastify/helmet';
import fp from 'fastify-plugin';

/**
 * Strict headers everywhere; personal data is never cached; HSTS only where HTTPS is real.
 * Plaid Link (sandbox and production modes only) needs Plaid's script and frame.
 */
export default fp<{ plaidLink: boolean }>(
  async (app, { plaidLink }) => {
    const plaid = plaidLink ? ['https://cdn.plaid.com'] : [];
    await app.register(helmet, {
      hsts: false,
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", ...plaid],
          frameSrc: plaidLink ? plaid : ["'none'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'", ...(plaidLink ? ['https://*.plaid.com'] : [])],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
    });
    app.addHook('onSend', async (request, reply) => {
      if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
      if (request.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    });
  },
  { name: 'security-headers' },
);
