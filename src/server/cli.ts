import { BuiltinPostgresError, builtinUrl } from '../db/builtin-postgres.js';
import { COMMANDS } from './commands.js';
import { composeCashView } from './compose.js';
import { ConfigError, loadConfig } from './config.js';

/**
 * `node src/server/cli.ts <command> [--name value …]` (through npm scripts): runs an operator
 * command against CashView's database directly, the built-in PostgreSQL included (it is shared
 * with a running CashView, or started for the command and stopped after).
 */
async function main() {
  const [name, ...rest] = process.argv.slice(2);
  const config = loadConfig();
  if (name === 'db-url') return printDatabaseUrl(config.databaseUrl, config.dataDir);
  const command = name ? COMMANDS[name] : undefined;
  if (!name || !command) throw new Error(`Usage: cli.ts <${[...Object.keys(COMMANDS), 'db-url'].join('|')}> [--option value]`);
  const args: Record<string, string> = {};
  for (let i = 0; i < rest.length; i += 2) {
    const key = rest[i]?.replace(/^--/, '');
    if (!key || rest[i + 1] === undefined) throw new Error(`Option ${rest[i]} needs a value.`);
    args[key.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase())] = rest[i + 1]!;
  }
  if (name === 'daily') args.concurrency ??= String(config.daily.concurrency);
  const cashView = await composeCashView(config, { progress: (message) => console.error(message) });
  try {
    // No workers here: jobs this command queues (revocations) are left to the server.
    console.log(`${name}:`, JSON.stringify(await command(cashView.services, args)));
  } finally {
    await cashView.close();
  }
}

/** `npm run db:url`: the URL psql and other tools connect with. */
function printDatabaseUrl(databaseUrl: string | undefined, dataDir: string) {
  if (databaseUrl) {
    console.log(databaseUrl);
    return;
  }
  const url = builtinUrl(dataDir);
  if (!url) throw new Error(`There is no built-in PostgreSQL in ${dataDir} yet: it is created at the first npm start.`);
  console.log(url);
  console.error('(the built-in PostgreSQL answers while CashView runs: npm start)');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    const known = error instanceof ConfigError || error instanceof BuiltinPostgresError;
    console.error(known || !(error instanceof Error) ? (error as Error).message ?? error : error.message);
    process.exit(1);
  },
);
