import rateLimit from '@fastify/rate-limit';
import fp from 'fastify-plugin';
import { AppError } from '../../domain/errors.js';

/** Per client address, on the routes that ask for it (sign-in, sign-up): ASVS 6.3.1. */
export default fp(
  async (app) => {
    await app.register(rateLimit, {
      global: false,
      errorResponseBuilder: (_request, context) =>
        new AppError(429, 'RATE_LIMITED', `Too many requests from your address. Please try again in ${context.after}.`, undefined, {
          'retry-after': String(Math.ceil(context.ttl / 1000)),
        }),
    });
  },
  { name: 'rate-limits' },
);

export const rateLimitPerHour = (max: number) => ({ max, timeWindow: '1 hour' });
