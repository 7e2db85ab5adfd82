import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { builtinPostgresRunning, stopBuiltinPostgres } from '../../src/db/builtin-postgres.js';
import { demoSession, freePort, healthy, outputShows, startServer } from './server-process.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cashview-sigterm-'));
afterAll(async () => {
  await stopBuiltinPostgres(dataDir);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('on SIGTERM under load, finishes every request in flight and exits within 10 s', async () => {
  const port = await freePort();
  // Every simulated Plaid call takes 1.5 s, so the connect-dialog requests below are surely in flight.
  // At "info" the server logs each request as it arrives: the test waits for all 20 to be in.
  const server = startServer(dataDir, port, { PLAID_SIM_LATENCY_MS: '1500', LOG_LEVEL: 'info' });
  expect(await healthy(port), server.output()).toBe(true);
  const { cookie, csrf } = await demoSession(port);

  const inFlight = Array.from({ length: 20 }, () =>
    fetch(`http://127.0.0.1:${port}/api/sandbox/public-tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
      body: JSON.stringify({ institutionId: 'ins_109509', username: 'user_good', password: 'pass_good' }),
    }).then(
      (response) => response.status,
      (error: Error) => `network error: ${error.message}`,
    ),
  );
  expect(await outputShows(server.output, /"url":"\/api\/sandbox\/public-tokens"[^\n]*"msg":"incoming request"/, 20), server.output()).toBe(true);
  const stoppedAt = Date.now();
  server.child.kill('SIGTERM');

  expect(await Promise.all(inFlight)).toEqual(Array(20).fill(200));
  expect(await server.exited, server.output()).toBe(0);
  expect(Date.now() - stoppedAt).toBeLessThan(10_000);
  // Nobody else used it: the built-in PostgreSQL stopped with it.
  expect(builtinPostgresRunning(dataDir)).toBe(false);
}, 400_000);
