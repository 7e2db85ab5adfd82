import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sessionAnswer, signInRequest } from '../../shared/contracts/session.js';
import { authenticate } from '../../services/auth/credentials.js';
import { endSession, startSession } from '../../services/auth/sessions.js';
import type { ServiceDeps } from '../../services/deps.js';
import { realBanksUnavailable, toPublicUser } from '../../services/users/profile.js';
import { rateLimitPerHour } from '../plugins/rate-limits.js';

export const sessionRoutes: FastifyPluginAsyncZod<{ deps: ServiceDeps; signInPerHour: number }> = async (
  app,
  { deps, signInPerHour },
) => {
  app.get(
    '/api/session',
    { config: { public: true }, schema: { tags: ['session'], response: { 200: sessionAnswer } } },
    async (request, reply) => ({
      user: request.auth ? toPublicUser(deps, request.auth.user) : null,
      csrfToken: app.csrfTokenFor(request, reply),
      server: { realBanksUnavailable: realBanksUnavailable(deps.plaid.mode) },
    }),
  );

  app.post(
    '/api/session',
    {
      config: { public: true, rateLimit: rateLimitPerHour(signInPerHour) },
      schema: { tags: ['session'], body: signInRequest, response: { 200: sessionAnswer } },
    },
    async (request, reply) => {
      const user = await authenticate(deps, request.body.username, request.body.password, (userId) => app.deviceTrusted(request, userId));
      if (request.auth) await endSession(deps, request.auth.sessionId);
      const session = await startSession(deps, user.id);
      app.setSessionCookie(request, reply, session);
      if (!user.isDemo) app.rememberDevice(request, reply, user.id);
      return { user: toPublicUser(deps, user), csrfToken: session.csrfToken };
    },
  );

  app.delete('/api/session', { config: { public: true }, schema: { tags: ['session'] } }, async (request, reply) => {
    if (request.auth) await endSession(deps, request.auth.sessionId);
    app.setSessionCookie(request, reply, null);
    return reply.status(204).send();
  });
};
