import crypto from 'node:crypto';
import cookie from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { forbidden, unauthorized } from '../../domain/errors.js';
import type { SessionRow, UserRow } from '../../db/schema/index.js';
import { resolveSession, type StartedSession } from '../../services/auth/sessions.js';
import type { ServiceDeps } from '../../services/deps.js';

declare module 'fastify' {
  interface FastifyRequest {
    auth: { sessionId: string; session: SessionRow; user: UserRow } | null;
  }
  interface FastifyContextConfig {
    /** Open to people who are not signed in. */
    public?: boolean;
    /** false for calls that prove themselves otherwise (Plaid's signed webhooks). */
    csrf?: boolean;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// The API viewer's own assets: public, read-only.
const PUBLIC_PREFIXES = ['/api/docs'];

/** `__Host-` names bind the cookies to this exact origin whenever CashView is served over HTTPS. */
const cookieName = (request: FastifyRequest, name: string) => (request.protocol === 'https' ? `__Host-cv_${name}` : `cv_${name}`);

const cookieOptions = (request: FastifyRequest) =>
  ({ path: '/', httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https' }) as const;

function sameToken(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}

/** ASVS 3.5.1: a browser's unsafe request must come from CashView's own origin. */
function originAllowed(request: FastifyRequest, publicOrigin?: string): boolean {
  const origin = request.headers.origin;
  if (!origin) return true; // Not a browser, or a same-origin GET turned POST by an old browser; the token still guards.
  if (publicOrigin && origin === new URL(publicOrigin).origin) return true;
  try {
    // A browser sends an origin exactly as serialised (scheme://host[:port]): anything else, such
    // as a user part ("http://evil@host") or a path, did not come from a page of CashView's.
    const url = new URL(origin);
    return url.origin === origin && url.host === request.headers.host;
  } catch {
    return false;
  }
}

export interface AuthOptions {
  deps: ServiceDeps;
  publicOrigin?: string;
}

/**
 * Sessions, sign-in requirement and CSRF for the API. Signed-in people carry their session's
 * token; people not signed in (signing up or in) carry a token bound to a random pre-session
 * cookie by an HMAC keyed from the encryption key, so nothing is stored for them.
 */
export default fp<AuthOptions>(
  async (app, { deps, publicOrigin }) => {
    await app.register(cookie);
    const csrfKey = deps.keyring.derive('csrf');
    const anonymousToken = (pre: string) => crypto.createHmac('sha256', csrfKey).update(pre).digest('base64url');

    app.decorateRequest('auth', null);

    app.decorate('csrfTokenFor', (request: FastifyRequest, reply: FastifyReply): string => {
      if (request.auth) return request.auth.session.csrfToken;
      let pre = request.cookies[cookieName(request, 'pre')];
      if (!pre || !/^[\w-]{43}$/.test(pre)) {
        pre = crypto.randomBytes(32).toString('base64url');
        reply.setCookie(cookieName(request, 'pre'), pre, cookieOptions(request));
      }
      return anonymousToken(pre);
    });

    // Device cookies (OWASP): a device that signed in to an account carries "<nonce>.<HMAC of the
    // account id and nonce>"; strangers' failed passwords never slow that device down.
    const deviceKey = deps.keyring.derive('device');
    const deviceMac = (userId: string, nonce: string) => crypto.createHmac('sha256', deviceKey).update(`${userId}.${nonce}`).digest('base64url');
    app.decorate('deviceTrusted', (request: FastifyRequest, userId: string): boolean => {
      const value = request.cookies[cookieName(request, 'device')];
      const [nonce, mac] = value?.split('.') ?? [];
      return nonce !== undefined && mac !== undefined && /^[\w-]{22}$/.test(nonce) && sameToken(mac, deviceMac(userId, nonce));
    });
    app.decorate('rememberDevice', (request: FastifyRequest, reply: FastifyReply, userId: string) => {
      const nonce = crypto.randomBytes(16).toString('base64url');
      reply.setCookie(cookieName(request, 'device'), `${nonce}.${deviceMac(userId, nonce)}`, { ...cookieOptions(request), maxAge: 365 * 24 * 3600 });
    });

    app.decorate('setSessionCookie', (request: FastifyRequest, reply: FastifyReply, session: StartedSession | null) => {
      if (session) reply.setCookie(cookieName(request, 'session'), session.id, cookieOptions(request));
      else reply.clearCookie(cookieName(request, 'session'), cookieOptions(request));
    });

    app.addHook('onRequest', async (request) => {
      const url = request.routeOptions.url;
      if (!url?.startsWith('/api/') || PUBLIC_PREFIXES.some((prefix) => url.startsWith(prefix))) return;
      const sessionId = request.cookies[cookieName(request, 'session')];
      if (sessionId && sessionId.length <= 64) {
        const found = await resolveSession(deps, sessionId);
        if (found) request.auth = { sessionId, ...found };
      }
      const config = request.routeOptions.config;
      if (!config.public && !request.auth) throw unauthorized();
      if (!UNSAFE.has(request.method) || config.csrf === false) return;
      if (!originAllowed(request, publicOrigin)) {
        throw forbidden('ORIGIN_NOT_ALLOWED', 'This request came from another site and was refused.');
      }
      const sent = request.headers['x-csrf-token'];
      const header = typeof sent === 'string' ? sent : undefined;
      const pre = request.cookies[cookieName(request, 'pre')];
      const expected = request.auth ? request.auth.session.csrfToken : pre ? anonymousToken(pre) : undefined;
      if (!expected || !sameToken(header, expected)) {
        throw forbidden('CSRF_TOKEN_INVALID', 'Your session token is missing or out of date. Reload the page and try again.');
      }
    });
  },
  { name: 'auth' },
);

declare module 'fastify' {
  interface FastifyInstance {
    csrfTokenFor(request: FastifyRequest, reply: FastifyReply): string;
    /** Whether the request comes from a device that signed in to this person's account before. */
    deviceTrusted(request: FastifyRequest, userId: string): boolean;
    rememberDevice(request: FastifyRequest, reply: FastifyReply, userId: string): void;
    setSessionCookie(request: FastifyRequest, reply: FastifyReply, session: StartedSession | null): void;
  }
}
