import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { healthAnswer } from '../../shared/contracts/session.js';

export const healthRoutes: FastifyPluginAsyncZod<{ ping: () => Promise<boolean> }> = async (app, { ping }) => {
  app.get(
    '/api/health',
    { config: { public: true }, schema: { tags: ['system'], response: { 200: healthAnswer, 503: healthAnswer } } },
    async (_request, reply) => {
      const up = await ping();
      return reply.status(up ? 200 : 503).send({ status: up ? 'ok' : 'degraded', db: up ? 'ok' : 'down' });
    },
  );
};
