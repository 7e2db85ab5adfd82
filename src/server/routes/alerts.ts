import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { alertSettingsAnswer, alertSettingsRequest, channelParams, verifyAnswer, verifyRequest } from '../../shared/contracts/alerts.js';
import { getAlertSettings, putAlertSettings, verifyChannel } from '../../services/alerts/settings.js';
import type { ServiceDeps } from '../../services/deps.js';

export const alertRoutes: FastifyPluginAsyncZod<{ deps: ServiceDeps }> = async (app, { deps }) => {
  const tags = ['alerts'];
  app.get('/api/alerts/settings', { schema: { tags, response: { 200: alertSettingsAnswer } } }, async (request) => getAlertSettings(deps, request.auth!.user));
  app.put('/api/alerts/settings', { schema: { tags, body: alertSettingsRequest, response: { 200: alertSettingsAnswer } } }, async (request) =>
    putAlertSettings(deps, request.auth!.user, request.body),
  );
  app.post('/api/alerts/channels/:channel/verify', { schema: { tags, params: channelParams, body: verifyRequest, response: { 200: verifyAnswer } } }, async (request) =>
    verifyChannel(deps, request.auth!.user, request.params.channel, request.body.code),
  );
};
