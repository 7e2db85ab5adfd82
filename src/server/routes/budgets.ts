import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createTrackerRequest, markReadRequest, notificationsAnswer, trackerAnswer, updateTrackerRequest } from '../../shared/contracts/budgets.js';
import { idParams } from '../../shared/contracts/institutions.js';
import { createTracker, deleteTracker, updateTracker } from '../../services/budgets/trackers.js';
import type { ServiceDeps } from '../../services/deps.js';
import { listNotifications, markNotificationsRead } from '../../services/notifications/deliver.js';

export const budgetRoutes: FastifyPluginAsyncZod<{ deps: ServiceDeps }> = async (app, { deps }) => {
  const tags = ['budgets'];
  const path = '/api/accounts/:id/budget-tracker';

  app.post(path, { schema: { tags, params: idParams, body: createTrackerRequest, response: { 201: trackerAnswer } } }, async (request, reply) => {
    const budgetTracker = await createTracker(deps, request.auth!.user, request.params.id, request.body);
    return reply.status(201).send({ budgetTracker });
  });

  app.patch(path, { schema: { tags, params: idParams, body: updateTrackerRequest, response: { 200: trackerAnswer } } }, async (request) => ({
    budgetTracker: await updateTracker(deps, request.auth!.user, request.params.id, request.body),
  }));

  app.delete(path, { schema: { tags, params: idParams } }, async (request, reply) => {
    await deleteTracker(deps, request.auth!.user, request.params.id);
    return reply.status(204).send();
  });

  app.get('/api/notifications', { schema: { tags, response: { 200: notificationsAnswer } } }, async (request) => listNotifications(deps, request.auth!.user.id));

  app.post('/api/notifications/read', { schema: { tags, body: markReadRequest.optional() } }, async (request, reply) => {
    await markNotificationsRead(deps, request.auth!.user.id);
    return reply.status(204).send();
  });
};
