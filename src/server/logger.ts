import type { FastifyServerOptions } from 'fastify';
import { pino, type DestinationStream, type Logger } from 'pino';

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

/** The logger of use cases and jobs: the same level and redaction as the HTTP log, to `destination`. */
export function serviceLogger(level: string, destination?: DestinationStream, component = 'jobs'): Logger {
  return pino({ level, redact: { paths: redactPaths, censor: '[redacted]' }, base: { component } }, destination);
}
