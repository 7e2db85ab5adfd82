import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  idParams,
  institutionAnswer,
  linkInstitutionRequest,
  linkTokenAnswer,
  linkTokenRequest,
  reloginRequest,
  sandboxInstitutionsAnswer,
  sandboxPublicTokenAnswer,
  sandboxPublicTokenRequest,
} from '../../shared/contracts/institutions.js';
import { accountAnswer, accountPatchRequest } from '../../shared/contracts/dashboard.js';
import { createLinkToken, createSandboxPublicToken, repairLogin, sandboxInstitutions } from '../../services/banking/connect.js';
import { getInstitution, toInstitution } from '../../services/banking/institution-view.js';
import { requestLink } from '../../services/banking/link-item.js';
import { requestRefresh } from '../../services/banking/refresh-item.js';
import { deleteAccount, deleteInstitution, setAccountHidden } from '../../services/banking/remove-item.js';
import type { ServiceDeps } from '../../services/deps.js';
import { toPublicUser } from '../../services/users/profile.js';

/** Linking, reading, refreshing and removing institutions and accounts. Nothing here waits on Plaid but the connect dialog. */
export const institutionRoutes: FastifyPluginAsyncZod<{ deps: ServiceDeps }> = async (app, { deps }) => {
  const tags = ['institutions'];
  const me = (request: { auth: { user: Parameters<typeof toPublicUser>[1] } | null }) => toPublicUser(deps, request.auth!.user);

  app.post('/api/link-tokens', { schema: { tags, body: linkTokenRequest.optional(), response: { 200: linkTokenAnswer } } }, async (request) =>
    createLinkToken(deps, me(request), request.body?.institutionId),
  );

  app.get('/api/sandbox/institutions', { schema: { tags, response: { 200: sandboxInstitutionsAnswer } } }, async () => sandboxInstitutions());

  app.post('/api/sandbox/public-tokens', { schema: { tags, body: sandboxPublicTokenRequest, response: { 200: sandboxPublicTokenAnswer } } }, async (request) => ({
    publicToken: await createSandboxPublicToken(deps, me(request), request.body),
  }));

  app.post('/api/institutions', { schema: { tags, body: linkInstitutionRequest, response: { 202: institutionAnswer } } }, async (request, reply) => {
    const item = await requestLink(deps, request.auth!.user.id, request.body);
    return reply.status(202).send({ institution: toInstitution(item) });
  });

  app.get('/api/institutions/:id', { schema: { tags, params: idParams, response: { 200: institutionAnswer } } }, async (request) => {
    return { institution: await getInstitution(deps, request.auth!.user.id, request.params.id) };
  });

  app.post('/api/institutions/:id/refresh', { schema: { tags, params: idParams, response: { 202: institutionAnswer } } }, async (request, reply) => {
    const item = await requestRefresh(deps, request.auth!.user.id, request.params.id);
    return reply.status(202).send({ institution: toInstitution(item) });
  });

  app.post('/api/institutions/:id/relogin', { schema: { tags, params: idParams, body: reloginRequest, response: { 202: institutionAnswer } } }, async (request, reply) => {
    const item = await repairLogin(deps, me(request), request.params.id, request.body);
    return reply.status(202).send({ institution: toInstitution(item) });
  });

  app.delete('/api/institutions/:id', { schema: { tags, params: idParams } }, async (request, reply) => {
    await deleteInstitution(deps, request.auth!.user.id, request.params.id);
    return reply.status(204).send();
  });

  app.delete('/api/accounts/:id', { schema: { tags: ['accounts'], params: idParams } }, async (request, reply) => {
    await deleteAccount(deps, request.auth!.user.id, request.params.id);
    return reply.status(204).send();
  });

  app.patch('/api/accounts/:id', { schema: { tags: ['accounts'], params: idParams, body: accountPatchRequest, response: { 200: accountAnswer } } }, async (request) => ({
    account: await setAccountHidden(deps, request.auth!.user.id, request.params.id, request.body.hidden),
  }));
};
