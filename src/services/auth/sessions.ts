import crypto from 'node:crypto';
import * as repo from '../../db/repositories/sessions.js';
import type { CoreDeps } from '../deps.js';
import type { SessionWithUser } from '../read-cache.js';

// quality.md / ASVS 7.3: idle timeout 30 min, absolute 12 h.
export const IDLE_TIMEOUT_MS = 30 * 60_000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60_000;
// Writing last_seen_at on every request would cost a write per read; a minute's slack is enough.
const TOUCH_EVERY_MS = 60_000;

export const hashSessionId = (id: string) => crypto.createHash('sha256').update(id).digest('base64url');
const randomToken = () => crypto.randomBytes(32).toString('base64url');

export interface StartedSession {
  id: string;
  csrfToken: string;
}

/** A fresh session: a new random 256-bit id every sign-in, and a new CSRF token with it. */
export async function startSession(deps: CoreDeps, userId: string): Promise<StartedSession> {
  const id = randomToken();
  const csrfToken = randomToken();
  const now = deps.now();
  await repo.insertSession(deps.db, { idHash: hashSessionId(id), userId, csrfToken, createdAt: now, lastSeenAt: now });
  return { id, csrfToken };
}

/**
 * The live session behind a cookie id, or null (unknown, idle too long, or too old: ended).
 * Read every time (decision 016): a session ended by any process is refused at once.
 */
export async function resolveSession(deps: CoreDeps, id: string): Promise<SessionWithUser | null> {
  const idHash = hashSessionId(id);
  const found = await repo.findSessionWithUser(deps.db, idHash);
  if (!found) return null;
  const now = deps.now().getTime();
  const { session } = found;
  if (now - session.lastSeenAt.getTime() > IDLE_TIMEOUT_MS || now - session.createdAt.getTime() > ABSOLUTE_TIMEOUT_MS) {
    await repo.deleteSession(deps.db, idHash);
    return null;
  }
  if (now - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) await repo.touchSession(deps.db, idHash, new Date(now));
  return found;
}

export async function endSession(deps: CoreDeps, id: string): Promise<void> {
  await repo.deleteSession(deps.db, hashSessionId(id));
}

/** After a password change: every other session ends, and this one is replaced by a new id. */
export async function rotateSessions(deps: CoreDeps, userId: string): Promise<StartedSession> {
  await repo.deleteOtherSessions(deps.db, userId);
  return startSession(deps, userId);
}
