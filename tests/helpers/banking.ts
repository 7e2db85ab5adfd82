import { expect } from 'vitest';
import type { Agent } from './agent.js';

export async function waitFor<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

export interface InstitutionBody {
  id: string;
  name: string | null;
  status: 'linking' | 'ready' | 'error';
  health: string | null;
  error: { code: string; message: string } | null;
  refreshing: boolean;
  refreshedAt: string | null;
}

export async function institution(agent: Agent, id: string): Promise<InstitutionBody> {
  const response = await agent.request('GET', `/api/institutions/${id}`);
  expect(response.statusCode).toBe(200);
  return response.json().institution;
}

/** Links a sandbox institution the way the connect dialog does, and waits for the job to finish. */
export async function linkSandbox(agent: Agent, institutionId = 'ins_109508', password = 'pass_good', options: { hint?: boolean } = {}) {
  const token = await agent.request('POST', '/api/sandbox/public-tokens', { institutionId, username: 'user_good', password });
  expect(token.statusCode, token.body).toBe(200);
  const started = await agent.request('POST', '/api/institutions', { publicToken: token.json().publicToken, ...(options.hint !== false && { institutionId }) });
  expect(started.statusCode, started.body).toBe(202);
  const id = started.json().institution.id as string;
  return waitFor(() => institution(agent, id), (i) => i.status !== 'linking');
}
