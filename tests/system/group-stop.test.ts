import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { stopBuiltinPostgres } from '../../src/db/builtin-postgres.js';
import { demoSession, freePort, healthy } from './server-process.js';

// Issue 14 #7: Ctrl-C in a terminal, or a supervisor, signals the whole process group — the shell,
// the TypeScript runner and the server — while work is in flight and the machine is busy, and the
// server's stdout pipe is not being read (its logger's last flush can block). Ten times, every
// process must be gone within 10 s.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cashview-group-'));
const burners: ChildProcess[] = [];
beforeAll(() => {
  for (let i = 0; i < 2; i++) burners.push(spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
});
afterAll(async () => {
  for (const burner of burners) burner.kill('SIGKILL');
  await stopBuiltinPostgres(dataDir);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const groupAlive = (pgid: number) => {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
};

async function goneWithin(pgid: number, ms: number): Promise<number> {
  const started = Date.now();
  while (groupAlive(pgid)) {
    if (Date.now() - started > ms + 5_000) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return Date.now() - started;
}

it('stops every process of the group within 10 s when signalled during work, ten times over, under load', async () => {
  for (let round = 0; round < 10; round++) {
    // Every other round, an exit listener never returns (as a log flush stuck on a full pipe).
    const hang = round % 2 === 1 ? 'true' : 'false';
    const port = await freePort();
    const child = spawn('sh', ['-c', `"${path.resolve('node_modules/.bin/tsx')}" src/server/main.ts`], {
      detached: true,
      env: { ...process.env, CASHVIEW_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', DATABASE_URL: '', PLAID_SIM_LATENCY_MS: '3000', CASHVIEW_HANG_ON_EXIT: hang },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const pgid = child.pid!;
    let output = '';
    const collect = (chunk: Buffer) => (output += chunk.toString());
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    try {
      expect(await healthy(port, Date.now() + 120_000), output).toBe(true);
      const { cookie, csrf } = await demoSession(port);
      const dashboard = (await (await fetch(`http://127.0.0.1:${port}/api/dashboard`, { headers: { cookie } })).json()) as { institutions: { id: string }[] };
      const post = (url: string, body: object) =>
        fetch(`http://127.0.0.1:${port}${url}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf }, body: JSON.stringify(body) }).catch(() => null);
      // Work in flight: a refresh job waiting on the slow bank, and connect-dialog calls waiting too.
      await post(`/api/institutions/${dashboard.institutions[0]!.id}/refresh`, {});
      const pending = Array.from({ length: 5 }, () => post('/api/sandbox/public-tokens', { institutionId: 'ins_109509', username: 'user_good', password: 'pass_good' }));
      for (let i = 0; i < 200; i++) void fetch(`http://127.0.0.1:${port}/api/health`).catch(() => null);
      // From here on nobody reads what the server writes: its pipes fill up, as an unread terminal's would.
      child.stdout!.off('data', collect).pause();
      child.stderr!.off('data', collect).pause();
      process.kill(-pgid, 'SIGTERM');
      const took = await goneWithin(pgid, 10_000);
      expect(took, `round ${round}: the group was still alive after ${took} ms\n${output.slice(-2000)}`).toBeLessThan(10_000);
      await Promise.all(pending);
    } finally {
      if (groupAlive(pgid)) process.kill(-pgid, 'SIGKILL');
    }
  }
}, 600_000);
