import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { items } from '../src/db/schema/index.js';
import { startWorkers } from '../src/jobs/workers.js';
import { buildApp, type App } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { composeCashView, type CashView } from '../src/server/compose.js';
import { startSession } from '../src/services/auth/sessions.js';
import type { ServiceDeps } from '../src/services/deps.js';
import type { SimulatorProcess } from './simulator-process.js';
import { signUp } from '../src/services/users/profile.js';

export interface Bench {
  runtime: CashView;
  app: App;
  deps: ServiceDeps;
  url: string;
  close(): Promise<void>;
}

/** The same wiring as `npm start` (runtime, app, workers), in this process, on a fresh data directory. */
export async function startBench(env: Record<string, string> = {}): Promise<Bench> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cashview-bench-'));
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', CASHVIEW_DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: '0', ...env });
  const runtime = await composeCashView(config);
  const app = await buildApp(runtime.appDeps);
  const deps = runtime.services;
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  await startWorkers(runtime.queue.boss, deps, 1, null);
  return {
    runtime,
    app,
    deps,
    url,
    async close() {
      await app.close();
      await runtime.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A person signed in: the cookie and CSRF token a browser would send. */
export async function person(deps: ServiceDeps) {
  const user = await signUp(
    deps,
    { username: `bench_${crypto.randomBytes(4).toString('hex')}`, password: 'bench password phrase', firstName: 'Bench', lastName: 'Mark', phone: '+14155550100', profileType: 'sandbox' },
    { skipPolicy: true },
  );
  const session = await startSession(deps, user.id);
  return { user, headers: { cookie: `cv_session=${session.id}`, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' } };
}

/**
 * 10 institutions, 60 accounts, 50,000 transactions over the last `days` (90 by default) and 20
 * budget trackers for one person (bigint arithmetic: any count fits). Transactions are written
 * oldest first, as years of syncs would have written them.
 */
export async function seedDashboard(deps: ServiceDeps, userId: string, counts = { institutions: 10, accountsPer: 6, transactions: 50_000, days: 90 }) {
  await deps.db.execute(sql`insert into items (id, user_id, status, name, refreshed_at)
    select gen_random_uuid(), ${userId}, 'ready', 'Bench Bank ' || g, now() from generate_series(1, ${counts.institutions}) g`);
  await deps.db.execute(sql`insert into accounts (id, item_id, user_id, plaid_account_id, name, type, subtype, currency, available_cents, current_cents, limit_cents)
    select gen_random_uuid(), i.id, ${userId}, 'acc-' || i.id || '-' || a, 'Account ' || a,
      (array['depository','credit','loan','investment','depository','credit'])[a],
      (array['checking','credit card','student','ira','savings','credit card'])[a],
      'USD', 100000 + a, 120000 + a, case when a in (2, 6) then 500000 end
    from items i, generate_series(1, ${counts.accountsPer}) a where i.user_id = ${userId}`);
  await deps.db.execute(sql`with acc as (select id, item_id, user_id, row_number() over (order by id) - 1 as n, count(*) over () as total from accounts where user_id = ${userId})
    insert into transactions (item_id, user_id, plaid_transaction_id, account_id, amount_cents, currency, date, pending, name, merchant_name, category_primary)
    select acc.item_id, acc.user_id, 'tx-' || g, acc.id, (g::bigint * 7919) % 20000 - 2000, 'USD', current_date - ((${counts.transactions} - g)::bigint * ${counts.days} / ${counts.transactions})::int, g % 97 = 0,
      m.merchant || ' #' || (g % 997), m.merchant, (array['FOOD_AND_DRINK','TRANSFER_OUT','GENERAL_MERCHANDISE','INCOME','TRAVEL'])[1 + g % 5]
    from generate_series(1, ${counts.transactions}) g join acc on acc.n = g % acc.total
    cross join lateral (select (array['Starbucks','Uber','Whole Foods Market','Amazon','Shell','Netflix','Target','Walmart','Costco','Delta',
      'Chipotle','Apple','Spotify','Lyft','Home Depot','CVS','Trader Joes','Airbnb','Comcast','Blue Bottle'])[1 + (g / 7) % 20] as merchant) m`);
  await deps.db.execute(sql`insert into budget_trackers (id, account_id, user_id, threshold_cents, frequency_days, next_notification_on)
    select gen_random_uuid(), id, ${userId}, 200000, 7, current_date + 7 from accounts where user_id = ${userId} and (type = 'credit' or subtype = 'checking')`);
}

/**
 * `count` linked items, known to the simulated Plaid (without history) and sealed in the database:
 * made by the in-process simulator, or by `external` (bench/simulator-process.ts).
 */
export async function seedItems(bench: Bench, userId: string, count: number, external?: SimulatorProcess) {
  let records: { itemId: string; accessToken: string }[];
  if (external) {
    records = await external.seed(count);
  } else {
    records = [];
    for (let i = 0; i < count; i++) {
      const record = { itemId: `bench-item-${i}-${crypto.randomBytes(4).toString('hex')}`, accessToken: `access-sandbox-${crypto.randomUUID()}`, institutionId: 'ins_109508', webhook: null, state: 'good' as const, createdAt: Date.now() };
      bench.runtime.simulator!.items.restore(record, { history: false });
      records.push(record);
    }
  }
  const rows = records.map((record) => ({ id: crypto.randomUUID(), userId, plaidItemId: record.itemId, accessTokenSealed: bench.deps.keyring.seal(record.accessToken, 'items.access_token'), status: 'ready' as const, name: 'Bench Bank' }));
  for (let start = 0; start < rows.length; start += 1000) await bench.deps.db.insert(items).values(rows.slice(start, start + 1000));
  return rows.map((r) => r.id);
}

/** A balance for every account of the person on each of the last `days` days (observed), as years of daily refreshes leave. */
export async function seedBalanceHistory(deps: ServiceDeps, userId: string, days: number) {
  await deps.db.execute(sql`insert into balance_history (account_id, user_id, day, balance_cents, source)
    select a.id, a.user_id, current_date - d, coalesce(a.available_cents, a.current_cents) + case when d = 0 then 0 else ((d::bigint * 7919 + a.seed) % 50000) - 25000 end, 'observed'
      from (select id, user_id, available_cents, current_cents, abs(hashtext(id::text)) % 1000 as seed from accounts where user_id = ${userId}) a,
           generate_series(0, ${days - 1}) d
    on conflict (account_id, day) do nothing`);
  // As autovacuum would have by then: statistics, and the visibility map index-only scans use.
  await deps.db.execute(sql`vacuum analyze balance_history`);
  await deps.db.execute(sql`vacuum analyze transactions`);
}
