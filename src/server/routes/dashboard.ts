import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { dashboardAnswer } from '../../shared/contracts/dashboard.js';
import { getDashboard } from '../../services/dashboard.js';
import type { ServiceDeps } from '../../services/deps.js';

export const dashboardRoutes: FastifyPluginAsyncZod<{ deps: ServiceDeps }> = async (app, { deps }) => {
  app.get('/api/dashboard', { schema: { tags: ['dashboard'], response: { 200: dashboardAnswer } } }, async (request) => getDashboard(deps, request.auth!.user));
};
