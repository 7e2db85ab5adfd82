import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';

export async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `npm start`'s entry point as a real process on the built-in PostgreSQL of `dataDir`. */
export function startServer(dataDir: string, port: number, env: Record<string, string> = {}) {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { ...process.env, CASHVIEW_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { child, exited, output: () => output };
}

/** Waits until the server answers; the deadline only ends a wait that will never succeed. */
export async function healthy(port: number, deadline = Date.now() + 240_000): Promise<boolean> {
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

/** Signs in as the demo user over HTTP; answers the cookie header and CSRF token to use. */
export async function demoSession(port: number): Promise<{ cookie: string; csrf: string }> {
  const base = `http://127.0.0.1:${port}`;
  const anon = await fetch(`${base}/api/session`);
  const pre = anon.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await anon.json()) as { csrfToken: string };
  const signIn = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: pre, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ username: 'Test_User', password: 'pass_good' }),
  });
  const session = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return { cookie: session, csrf: ((await signIn.json()) as { csrfToken: string }).csrfToken };
}

/** Waits until `count` matches of `pattern` have appeared in the output (or the deadline passes). */
export async function outputShows(output: () => string, pattern: RegExp, count = 1, deadline = Date.now() + 60_000): Promise<boolean> {
  const global = new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`);
  while (Date.now() < deadline) {
    if ((output().match(global) ?? []).length >= count) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}
