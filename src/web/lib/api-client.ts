import type { z } from 'zod';
import type { ErrorBody } from '../../shared/contracts/errors.js';

/** An API error as the server described it: a code, a sentence, and the fields at fault. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

let csrfToken = '';
/** The session's CSRF token, sent on every unsafe request; set whenever the session is read. */
export function setCsrfToken(token: string) {
  csrfToken = token;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Every call to the API goes through here: same-origin cookies, the CSRF token, one error shape,
 * and answers typed by the shared contract (`api<typeof dashboardAnswer>(…)`). The server checks
 * every answer against that same contract before sending it (fastify-type-provider-zod's
 * serializer), so the browser does not parse it again: zod stays out of the page's JavaScript
 * (decision 016: the page's own script was what kept Lighthouse performance under 95).
 */
export async function api<T extends z.ZodType = z.ZodVoid>(method: Method, path: string, body?: unknown): Promise<z.infer<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...(method !== 'GET' && { 'x-csrf-token': csrfToken }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'CashView could not be reached. Check your connection and try again.');
  }
  if (!response.ok) {
    const parsed = (await response.json().catch(() => null)) as ErrorBody | null;
    const error = parsed?.error;
    throw new ApiError(response.status, error?.code ?? 'UNKNOWN', error?.message ?? `Request failed (${response.status}).`, error?.fields);
  }
  if (response.status === 204) return undefined as z.infer<T>;
  return (await response.json()) as z.infer<T>;
}
