import type { App } from '../../src/server/app.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';

let counter = 0;
/** A username no other test uses. */
export const uniqueName = (prefix = 'user') => `${prefix}_${process.pid}_${++counter}`;

export const validSignUp = (overrides: Record<string, unknown> = {}) => ({
  username: uniqueName(),
  password: 'correct horse battery',
  firstName: 'Ada',
  lastName: 'Lovelace',
  phone: '+14155550100',
  profileType: 'sandbox',
  ...overrides,
});

/**
 * A browser-like client over inject(): keeps cookies, sends the CSRF token on unsafe methods and
 * an Origin of its own host, like the web app does.
 */
export class Agent {
  cookies = new Map<string, string>();
  csrfToken = '';

  constructor(readonly app: App) {}

  async request(method: Method, url: string, body?: unknown, options: { csrf?: boolean; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (method !== 'GET' && options.csrf !== false) headers['x-csrf-token'] = this.csrfToken;
    const response = await this.app.inject({ method, url, headers, ...(body !== undefined && { payload: body as object }) });
    for (const cookie of response.cookies as { name: string; value: string; expires?: Date }[]) {
      if (cookie.value === '' || (cookie.expires && cookie.expires.getTime() < Date.now())) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    return response;
  }

  /** Reads the session (and its CSRF token), as the web app does on load. */
  async refresh() {
    const response = await this.request('GET', '/api/session');
    this.csrfToken = response.json().csrfToken;
    return response.json() as { user: { id: string; username: string } | null; csrfToken: string };
  }

  async signUp(overrides: Record<string, unknown> = {}) {
    await this.refresh();
    const input = validSignUp(overrides);
    const response = await this.request('POST', '/api/users', input);
    if (response.statusCode !== 201) throw new Error(`sign-up failed: ${response.body}`);
    await this.refresh();
    return { ...input, id: response.json().user.id as string };
  }

  async signIn(username: string, password: string) {
    await this.refresh();
    const response = await this.request('POST', '/api/session', { username, password });
    if (response.statusCode === 200) this.csrfToken = response.json().csrfToken;
    return response;
  }
}
