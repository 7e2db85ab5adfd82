import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { dashboardAnswer } from '../../shared/contracts/dashboard.js';
import { dashboardJson } from '../../services/dashboard.js';
import type { ServiceDeps } from '../../services/deps.js';
import type { DashboardCache } from '../../services/read-cache.js';

export const dashboardRoutes: FastifyPluginAsyncZod<{ deps: ServiceDeps; cache: DashboardCache }> = async (app, { deps, cache }) => {
  // The answer is JSON already encoded by its contract (src/services/dashboard.ts): a JSON string
  // is sent as it is, the schema still documents it.
  app.get('/api/dashboard', { schema: { tags: ['dashboard'], response: { 200: dashboardAnswer } } }, async (request, reply) => {
    const json = await dashboardJson(deps, cache, request.auth!.user);
    return (reply as FastifyReply).type('application/json; charset=utf-8').send(json);
  });
};
