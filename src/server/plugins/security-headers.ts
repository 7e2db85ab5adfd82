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
      // The path, whatever form the request line took ("/api/…" or absolute "http://host/api/…").
      if (apiPath(request.url)) reply.header('cache-control', 'no-store');
      if (request.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    });
  },
  { name: 'security-headers' },
);

/** Whether a request target, in origin or absolute form, names an API path. */
export function apiPath(target: string): boolean {
  if (target.startsWith('/')) return target.startsWith('/api/');
  try {
    return new URL(target).pathname.startsWith('/api/');
  } catch {
    return true; // Unparseable: never cached.
  }
}
