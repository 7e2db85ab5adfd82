import { sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import type { BalanceChange, RecordedBalance } from '../../domain/history.js';
import { rowsOf } from './rows.js';

/**
 * Today's balances of an item's accounts, as just read from the bank, keyed by Plaid's account id
 * (accounts the person removed are not there, so they get none). "Today" is the person's day.
 */
export async function recordObservedBalances(db: Db, itemId: string, at: Date, balances: { plaidAccountId: string; balanceCents: number | null }[]): Promise<void> {
  if (balances.length === 0) return;
  await db.execute(sql`
    insert into balance_history (account_id, user_id, day, balance_cents, source)
    select a.id, a.user_id, (${at.toISOString()}::timestamptz at time zone u.time_zone)::date, x.balance_cents, 'observed'
      from json_to_recordset(${JSON.stringify(balances.map((b) => ({ plaid_account_id: b.plaidAccountId, balance_cents: b.balanceCents })))}::json)
           as x(plaid_account_id text, balance_cents bigint)
      join accounts a on a.item_id = ${itemId} and a.plaid_account_id = x.plaid_account_id
      join users u on u.id = a.user_id
    on conflict (account_id, day) do update set balance_cents = excluded.balance_cents, source = 'observed'
      where (balance_history.balance_cents, balance_history.source) is distinct from (excluded.balance_cents, excluded.source)`);
}

/**
 * At link: each account's earlier days estimated back to the item's oldest transaction, from the
 * balance observed today and the transactions after each day (Plaid's amount is positive for money
 * out, so an asset held `amount` more before it left, and a card or loan owed `amount` less).
 * Days that already have a balance keep it.
 */
export async function estimateBalancesBack(db: Db, itemId: string, at: Date): Promise<number> {
  const rows = await rowsOf<{ n: number }>(
    db,
    sql`
    with today as (
      select a.id as account_id, a.user_id, h.day, h.balance_cents as balance, a.type in ('credit', 'loan') as owed
        from accounts a
        join users u on u.id = a.user_id
        join balance_history h on h.account_id = a.id and h.day = (${at.toISOString()}::timestamptz at time zone u.time_zone)::date
       where a.item_id = ${itemId} and h.balance_cents is not null),
    oldest as (select min(date) as day from transactions where item_id = ${itemId}),
    totals as (select account_id, sum(amount_cents) as total from transactions where item_id = ${itemId} group by account_id),
    daily as (select account_id, date, sum(amount_cents) as amount from transactions where item_id = ${itemId} group by account_id, date),
    series as (
      select t.account_id, t.user_id, t.balance, t.owed, g::date as day
        from today t cross join oldest o cross join lateral generate_series(o.day, t.day - 1, interval '1 day') g
       where o.day is not null),
    estimated as (
      select s.account_id, s.user_id, s.day, s.balance, s.owed,
             coalesce(max(tt.total), 0) - sum(coalesce(d.amount, 0)) over (partition by s.account_id order by s.day) as later
        from series s
        left join daily d on d.account_id = s.account_id and d.date = s.day
        left join totals tt on tt.account_id = s.account_id
       group by s.account_id, s.user_id, s.day, s.balance, s.owed, d.amount),
    inserted as (
      insert into balance_history (account_id, user_id, day, balance_cents, source)
      select account_id, user_id, day, case when owed then balance - later else balance + later end, 'estimated' from estimated
      on conflict (account_id, day) do nothing
      returning 1)
    select count(*)::int as n from inserted`,
  );
  return rows[0]?.n ?? 0;
}

/**
 * How the counted balances of the person's accounts (hidden ones left out) change, per day and
 * account type, up to `to`: one row where a balance differs from the account's previous one.
 */
export async function balanceChanges(db: Db, userId: string, to: string): Promise<BalanceChange[]> {
  const rows = await rowsOf<{ day: string; type: string; delta: string; first_seen: number }>(
    db,
    sql`
    select day::text, type, sum(balance - coalesce(previous, 0))::bigint as delta, count(*) filter (where previous_day is null)::int as first_seen
      from (select a.type, h.day, coalesce(h.balance_cents, 0) as balance,
                   lag(coalesce(h.balance_cents, 0)) over w as previous, lag(h.day) over w as previous_day
              from balance_history h join accounts a on a.id = h.account_id
             where h.user_id = ${userId} and not a.hidden and h.day <= ${to}
            window w as (partition by h.account_id order by h.day)) x
     where previous_day is null or balance <> previous
     group by day, type
     order by day`,
  );
  return rows.map((row) => ({ day: row.day, type: row.type, deltaCents: Number(row.delta), firstSeen: row.first_seen }));
}

/** Each of the person's accounts' last recorded balance on or before the day. */
export async function balancesOn(db: Db, userId: string, day: string): Promise<Map<string, RecordedBalance>> {
  const rows = await rowsOf<{ account_id: string; day: string; balance_cents: string | null; source: 'observed' | 'estimated' }>(
    db,
    sql`
    select a.id as account_id, h.day::text, h.balance_cents, h.source
      from accounts a
      cross join lateral (select day, balance_cents, source from balance_history where account_id = a.id and day <= ${day} order by day desc limit 1) h
     where a.user_id = ${userId}`,
  );
  return new Map(rows.map((row) => [row.account_id, { day: row.day, balanceCents: row.balance_cents === null ? null : Number(row.balance_cents), source: row.source }]));
}

/** The whole history of the person's balances, oldest first, in pages (for the export). */
export async function balanceHistoryPage(db: Db, userId: string, after: { accountId: string; day: string } | null, limit: number) {
  return rowsOf<{ account_id: string; day: string; balance_cents: string | null; source: string }>(
    db,
    sql`select account_id, day::text, balance_cents, source from balance_history
         where user_id = ${userId} ${after ? sql`and (account_id, day) > (${after.accountId}, ${after.day})` : sql``}
         order by account_id, day limit ${limit}`,
  );
}
