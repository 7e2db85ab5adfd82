import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { builtinPaths, builtinPostgresRunning, builtinUrl, stopBuiltinPostgres } from '../../src/db/builtin-postgres.js';
import { demoSession, freePort, healthy, startServer } from './server-process.js';

// `npm start` with no DATABASE_URL, as real processes: the built-in PostgreSQL is created, shared
// by two CashViews on one data directory, survives a CashView killed with SIGKILL, and stops with
// the last CashView using it.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cashview-builtin-'));
const servers: ReturnType<typeof startServer>[] = [];
afterAll(async () => {
  for (const server of servers) server.child.kill('SIGKILL');
  await stopBuiltinPostgres(dataDir);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const TAKEN = 'That username is already taken.';
const signUp = async (port: number, username: string) => {
  const base = `http://127.0.0.1:${port}`;
  const anon = await fetch(`${base}/api/session`);
  const cookie = anon.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await anon.json()) as { csrfToken: string };
  return fetch(`${base}/api/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ username, password: 'a long and private phrase', firstName: 'Ada', lastName: 'Lovelace', phone: '+14155550123', profileType: 'sandbox' }),
  });
};

it('creates its PostgreSQL on loopback with an owner-only password, shares it between two CashViews and stops it with the last', async () => {
  const firstPort = await freePort();
  const first = startServer(dataDir, firstPort);
  servers.push(first);
  expect(await healthy(firstPort), first.output()).toBe(true);

  const url = new URL(builtinUrl(dataDir)!);
  expect(url.hostname).toBe('127.0.0.1');
  expect(Number(url.port)).not.toBe(5432);
  expect(fs.statSync(builtinPaths(dataDir).credentials).mode & 0o077).toBe(0);
  // Anyone without the password is refused.
  const stranger = new pg.Client({ host: '127.0.0.1', port: Number(url.port), user: url.username, password: 'wrong', database: 'cashview' });
  stranger.on('error', () => undefined);
  await expect(stranger.connect()).rejects.toThrow(/password authentication failed/);

  // A second CashView on the same data directory shares the server: what one writes, the other reads.
  const secondPort = await freePort();
  const second = startServer(dataDir, secondPort);
  servers.push(second);
  expect(await healthy(secondPort), second.output()).toBe(true);
  expect((await signUp(firstPort, 'shared_dir_person')).status).toBe(201);
  expect(await (await signUp(secondPort, 'shared_dir_person')).text()).toContain(TAKEN);

  // The first stops; the second keeps its database.
  first.child.kill('SIGTERM');
  expect(await first.exited, first.output()).toBe(0);
  expect(builtinPostgresRunning(dataDir)).toBe(true);
  expect((await demoSession(secondPort)).cookie).toMatch(/cv_session=/);

  // The second is killed outright: its server is left running, and the next start uses it.
  second.child.kill('SIGKILL');
  await second.exited;
  expect(builtinPostgresRunning(dataDir)).toBe(true);
  const thirdPort = await freePort();
  const third = startServer(dataDir, thirdPort, { LOG_LEVEL: 'info' });
  servers.push(third);
  expect(await healthy(thirdPort), third.output()).toBe(true);
  expect(third.output()).toMatch(/left running by an earlier CashView/);
  expect(await (await signUp(thirdPort, 'shared_dir_person')).text()).toContain(TAKEN);

  // The last one to stop takes the server with it.
  third.child.kill('SIGTERM');
  expect(await third.exited, third.output()).toBe(0);
  expect(builtinPostgresRunning(dataDir)).toBe(false);
}, 400_000);
