import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { freePort, healthy, startServer } from './server-process.js';

// Starts the real server twice on one data directory, as `npm start` would.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cashview-lock-'));
const servers: ReturnType<typeof startServer>[] = [];
afterAll(() => {
  for (const server of servers) server.child.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('refuses a second process on the same data directory with a clear message; the first keeps serving', async () => {
  const firstPort = await freePort();
  const first = startServer(dataDir, firstPort);
  servers.push(first);
  expect(await healthy(firstPort)).toBe(true);

  const second = startServer(dataDir, await freePort());
  servers.push(second);
  expect(await second.exited).toBe(1);
  expect(second.output()).toMatch(/data directory .* is in use by another CashView process/);

  expect((await fetch(`http://127.0.0.1:${firstPort}/api/health`)).status).toBe(200);
  first.child.kill('SIGTERM');
  expect(await first.exited).toBe(0);
  expect(fs.existsSync(path.join(dataDir, 'cashview.lock'))).toBe(false);
}, 400_000);
