import type { FastifyServerOptions } from 'fastify';

/**
 * Secrets never reach the logs (ASVS 16.2.5): cookies, CSRF tokens, passwords, phone numbers and
 * Plaid tokens are censored wherever they sit in a logged object. Bodies are never logged.
 */
export const redactPaths = [
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.phone',
  '*.accessToken',
  '*.access_token',
  '*.publicToken',
  '*.public_token',
  '*.sessionId',
  '*.secret',
];

export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return { level, redact: { paths: redactPaths, censor: '[redacted]' } };
}
