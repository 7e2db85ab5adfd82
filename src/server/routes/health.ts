import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { healthAnswer, pingAnswer } from '../../shared/contracts/session.js';

export const healthRoutes: FastifyPluginAsyncZod<{ ping: () => Promise<boolean> }> = async (app, { ping }) => {
  app.get(
    '/api/health',
    { config: { public: true }, schema: { tags: ['system'], response: { 200: healthAnswer, 503: healthAnswer } } },
    async (_request, reply) => {
      const up = await ping();
      return reply.status(up ? 200 : 503).send({ status: up ? 'ok' : 'degraded', db: up ? 'ok' : 'down' });
    },
  );

  // Liveness without the database: for load balancers, and the benchmarks' trivial baseline.
  app.get('/api/ping', { config: { public: true }, schema: { tags: ['system'], response: { 200: pingAnswer } } }, async () => ({ pong: true as const }));
};
