import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BuiltinPostgresError } from './builtin-postgres-error.js';

/**
 * The process side of the built-in PostgreSQL (src/db/builtin-postgres.ts): which user it runs as,
 * whether a pid is a live postgres, who else uses the server, stopping it, and the start lock.
 */
/** How long a process waits for another that is starting the server (its own start may take 90 s). */
const START_LOCK_WAIT_MS = 120_000;
const STOP_TIMEOUT_MS = 5_000;

export interface Owner {
  uid: number;
  gid: number;
  name: string;
}

/** As root, the unprivileged user PostgreSQL runs as; otherwise the current user (undefined). */
export function serverUser(): Owner | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const passwd = fs.existsSync('/etc/passwd') ? fs.readFileSync('/etc/passwd', 'utf8').split('\n') : [];
  for (const name of ['postgres', 'nobody']) {
    const fields = passwd.find((line) => line.startsWith(`${name}:`))?.split(':');
    if (fields) return { name, uid: Number(fields[2]), gid: Number(fields[3]) };
  }
  throw new BuiltinPostgresError('CashView runs as root, and PostgreSQL refuses to. Create an unprivileged user named postgres, or run CashView as a normal user.');
}

export function asOwner(owner: Owner | undefined) {
  return owner ? { uid: owner.uid, gid: owner.gid } : {};
}

/** As root, PostgreSQL runs as `owner`: every folder above the data directory must let it through. */
export function checkReachable(owner: Owner, targets: string[]) {
  for (const target of targets) {
    const probe = spawnSync(process.execPath, ['-e', 'require("node:fs").accessSync(process.argv[1], require("node:fs").constants.R_OK)', target], {
      uid: owner.uid,
      gid: owner.gid,
      cwd: '/',
    });
    if (probe.status !== 0) {
      throw new BuiltinPostgresError(
        `PostgreSQL runs as the user ${owner.name} (CashView runs as root), and that user cannot reach ${target}. ` +
          'Put CASHVIEW_DATA_DIR and CashView where every folder above them can be entered by others (chmod o+x), or run CashView as a normal user.',
      );
    }
  }
}

export function serverEnv(): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, LC_ALL: 'C', TZ: 'UTC' };
}

export function postmasterPid(cluster: string): number | null {
  try {
    const pid = Number.parseInt(fs.readFileSync(path.join(cluster, 'postmaster.pid'), 'utf8').split('\n')[0]!, 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function isPostgres(pid: number): boolean {
  if (!isAlive(pid)) return false;
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim().startsWith('postgres');
  } catch {
    return process.platform !== 'linux'; // no /proc to ask: trust the live pid
  }
}

export function liveClients(dir: string): number[] {
  const live: number[] = [];
  for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    const pid = Number(name);
    if (Number.isInteger(pid) && pid !== process.pid && isAlive(pid)) live.push(pid);
    else if (pid !== process.pid) fs.rmSync(path.join(dir, name), { force: true });
  }
  return live;
}

/** Fast shutdown (SIGINT: connections closed, everything written); immediate (SIGQUIT) if it takes too long. */
export async function stopServer(cluster: string): Promise<void> {
  const pid = postmasterPid(cluster);
  if (pid === null || !isPostgres(pid)) return;
  const gone = async (ms: number) => {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      if (!isAlive(pid)) return true;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return !isAlive(pid);
  };
  process.kill(pid, 'SIGINT');
  if (await gone(STOP_TIMEOUT_MS)) return;
  process.kill(pid, 'SIGQUIT');
  await gone(2_000);
}

/**
 * Held while a process decides to start, join or stop the server, so two starting at once do not
 * both run initdb or start two servers: a file holding the owner's pid, taken over when that pid is gone.
 */
export async function takeStartLock(file: string): Promise<() => void> {
  const deadline = Date.now() + START_LOCK_WAIT_MS;
  for (;;) {
    try {
      const fd = fs.openSync(file, 'wx', 0o600);
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      return () => fs.rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let written: string;
      let age: number;
      try {
        written = fs.readFileSync(file, 'utf8');
        age = Date.now() - fs.statSync(file).mtimeMs;
      } catch {
        continue; // released meanwhile
      }
      const owner = Number.parseInt(written || '0', 10);
      // An empty file is one being written right now, unless it has been empty for a while.
      const beingWritten = written === '' && age < 2_000;
      if (!beingWritten && !(owner > 0 && owner !== process.pid && isAlive(owner))) {
        fs.rmSync(file, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new BuiltinPostgresError(`Another CashView (pid ${owner}) has been starting the built-in PostgreSQL for too long.`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
