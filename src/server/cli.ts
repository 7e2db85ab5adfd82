import fs from 'node:fs';
import { servicesOf } from './app.js';
import { COMMANDS } from './commands.js';
import { ConfigError, loadConfig } from './config.js';
import { controlFile } from './control.js';
import { startRuntime } from './runtime.js';
import { DataDirLockedError } from '../db/lock.js';

/**
 * `tsx src/server/cli.ts <command> [--name value …]`: asks the running CashView (embedded
 * database) to run the command, or runs it here when none is running or Postgres is shared.
 */
async function main() {
  const [name, ...rest] = process.argv.slice(2);
  const command = name ? COMMANDS[name] : undefined;
  if (!name || !command) throw new Error(`Usage: cli.ts <${Object.keys(COMMANDS).join('|')}> [--option value]`);
  const args: Record<string, string> = {};
  for (let i = 0; i < rest.length; i += 2) {
    const key = rest[i]?.replace(/^--/, '');
    if (!key || rest[i + 1] === undefined) throw new Error(`Option ${rest[i]} needs a value.`);
    args[key.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase())] = rest[i + 1]!;
  }
  const config = loadConfig();
  if (!config.databaseUrl && fs.existsSync(controlFile(config.dataDir))) {
    const { port, secret } = JSON.parse(fs.readFileSync(controlFile(config.dataDir), 'utf8')) as { port: number; secret: string };
    const response = await fetch(`http://127.0.0.1:${port}/api/internal/commands/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-cashview-control': secret },
      body: JSON.stringify(args),
    }).catch(() => null);
    if (response) {
      const answer = await response.json();
      if (!response.ok) throw new Error(answer?.error?.message ?? `The running CashView refused (${response.status}).`);
      console.log(`${name} (run by the CashView running on port ${port}):`, JSON.stringify(answer));
      return;
    }
    // A stale control file: nobody answered, so run it here (the data-directory lock still guards).
  }
  const runtime = await startRuntime(config);
  try {
    const deps = { config, database: runtime.database, keyring: runtime.keyring, plaid: runtime.plaid, jobs: runtime.queue, sms: runtime.sms, crashPoint: runtime.crashPoint };
    // No workers here: jobs this command queues (revocations) are left to the server.
    const services = servicesOf(deps);
    console.log(`${name}:`, JSON.stringify(await command(services, args)));
  } finally {
    await runtime.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof ConfigError || error instanceof DataDirLockedError || error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
