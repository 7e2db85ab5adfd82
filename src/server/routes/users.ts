import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { deleteProfileRequest, signUpRequest, updateProfileRequest, userAnswer } from '../../shared/contracts/users.js';
import { startSession } from '../../services/auth/sessions.js';
import type { ServiceDeps } from '../../services/deps.js';
import { deleteProfile, signUp, toPublicUser, updateProfile } from '../../services/users/profile.js';
import { rateLimitPerHour } from '../plugins/rate-limits.js';

export const userRoutes: FastifyPluginAsyncZod<{ deps: ServiceDeps; signUpPerHour: number }> = async (
  app,
  { deps, signUpPerHour },
) => {
  app.post(
    '/api/users',
    {
      config: { public: true, rateLimit: rateLimitPerHour(signUpPerHour) },
      schema: { tags: ['profile'], body: signUpRequest, response: { 201: userAnswer } },
    },
    async (request, reply) => {
      const user = await signUp(deps, request.body, { plaidMode: deps.plaid.mode });
      const session = await startSession(deps, user.id);
      app.setSessionCookie(request, reply, session);
      app.rememberDevice(request, reply, user.id);
      return reply.status(201).send({ user: toPublicUser(deps, user) });
    },
  );

  app.patch(
    '/api/users/me',
    {
      // A new username's answer says whether the name is taken: rate-limited like sign-up
      // (quality.md), counted only for requests that name one.
      config: {
        rateLimit: {
          ...rateLimitPerHour(signUpPerHour),
          hook: 'preHandler' as const,
          allowList: (request: { body?: unknown }) => !(request.body as { username?: unknown } | undefined)?.username,
        },
      },
      schema: { tags: ['profile'], body: updateProfileRequest, response: { 200: userAnswer } },
    },
    async (request, reply) => {
      const { user, session } = await updateProfile(deps, request.auth!.user.id, request.body);
      if (session) {
        app.setSessionCookie(request, reply, session);
      }
      return { user: toPublicUser(deps, user) };
    },
  );

  app.delete('/api/users/me', { schema: { tags: ['profile'], body: deleteProfileRequest } }, async (request, reply) => {
    await deleteProfile(deps, request.auth!.user.id, request.body.currentPassword);
    app.setSessionCookie(request, reply, null);
    return reply.status(204).send();
  });
};
