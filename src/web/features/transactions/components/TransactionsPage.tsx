import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'wouter';
import type { Transaction } from '../../../../shared/contracts/history.js';
import { CATEGORIES, categoryName } from '../../../../shared/categories.js';
import { Alert } from '../../../components/ui/Alert.js';
import { useDashboard } from '../../../lib/dashboard.js';
import { day, money, signed } from '../../../lib/format.js';
import { errorsOf } from '../../../lib/use-form.js';
import { useTransactions, useUpdateTransaction, type Filters } from '../api/transactions.js';

const FILTER_KEYS = ['search', 'accountId', 'institutionId', 'category', 'from', 'to', 'pending', 'budgeted'] as const;

/** Every transaction, newest first, filtered by what the address says (so a tracker's "spent" can link here). */
export function TransactionsPage() {
  const [params, setParams] = useSearchParams();
  const filters: Filters = Object.fromEntries(FILTER_KEYS.flatMap((key) => (params.get(key) ? [[key, params.get(key)!]] : [])));
  const list = useTransactions(filters);
  const accounts = (useDashboard().data?.institutions ?? []).flatMap((i) => i.accounts.map((a) => ({ ...a, institutionName: i.name })));
  const [search, setSearch] = useState(filters.search ?? '');
  const set = (key: (typeof FILTER_KEYS)[number], value: string) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (value) next.set(key, value);
      else next.delete(key);
      return next;
    });
  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    set('search', search.trim());
  };
  const rows = list.data?.pages.flatMap((page) => page.transactions) ?? [];
  const total = rows.reduce((sum, t) => sum + t.amountCents, 0);
  const { message, fields } = errorsOf(list.error);

  return (
    <section aria-labelledby="transactions-title" className="transactions">
      <h1 id="transactions-title">Transactions</h1>
      <form className="card filters" onSubmit={onSearch} role="search" aria-label="Find transactions">
        <div className="field search-field">
          <label htmlFor="tx-search">Search names and merchants</label>
          <div className="inline-input">
            <input id="tx-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} maxLength={100} />
            <button type="submit" className="button secondary">
              Search
            </button>
          </div>
        </div>
        <label className="field">
          <span>Account</span>
          <select value={filters.accountId ?? ''} onChange={(e) => set('accountId', e.target.value)}>
            <option value="">All accounts</option>
            {accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.institutionName} · {a.name}
                {a.mask ? ` ••${a.mask}` : ''}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Category</span>
          <select value={filters.category ?? ''} onChange={(e) => set('category', e.target.value)}>
            <option value="">All categories</option>
            {[...CATEGORIES, 'UNCATEGORIZED'].map((c) => (
              <option key={c} value={c}>
                {categoryName(c)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>From</span>
          <input type="date" value={filters.from ?? ''} onChange={(e) => set('from', e.target.value)} aria-invalid={fields.from ? true : undefined} />
        </label>
        <label className="field">
          <span>To</span>
          <input type="date" value={filters.to ?? ''} onChange={(e) => set('to', e.target.value)} aria-invalid={fields.to ? true : undefined} />
        </label>
        <label className="field">
          <span>Status</span>
          <select value={filters.pending ?? ''} onChange={(e) => set('pending', e.target.value)}>
            <option value="">Any status</option>
            <option value="true">Pending only</option>
            <option value="false">Posted only</option>
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={filters.budgeted === 'true'} onChange={(e) => set('budgeted', e.target.checked ? 'true' : '')} />
          Only what budgets count as spending
        </label>
        {Object.keys(filters).length > 0 && (
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setSearch('');
              setParams(new URLSearchParams());
            }}
          >
            Clear filters
          </button>
        )}
      </form>
      <Alert>{message && `${message} ${Object.entries(fields).map(([k, v]) => `${k} ${v}`).join('; ')}`}</Alert>
      {list.isPending ? (
        <div className="skeleton" aria-busy="true" aria-label="Loading transactions" />
      ) : rows.length === 0 ? (
        <p className="card muted">No transactions match these filters.</p>
      ) : (
        <>
          <p className="list-summary" aria-live="polite">
            {rows.length} transaction{rows.length === 1 ? '' : 's'} shown{list.hasNextPage ? ' (more below)' : ''}, adding up to{' '}
            <strong className={signed(total).className}>{money(total)}</strong>
          </p>
          {/* Busy while new filters are fetched: the rows shown are still the last ones. */}
          <ul className="card transaction-list" aria-busy={list.isFetching && !list.isFetchingNextPage}>
            {rows.map((t) => (
              <TransactionRow key={t.id} transaction={t} />
            ))}
          </ul>
          {list.hasNextPage && (
            <button type="button" className="button secondary wide" onClick={() => list.fetchNextPage()} disabled={list.isFetchingNextPage}>
              {list.isFetchingNextPage ? 'Loading…' : 'Show more'}
            </button>
          )}
        </>
      )}
    </section>
  );
}

function TransactionRow({ transaction: t }: { transaction: Transaction }) {
  const [editing, setEditing] = useState(false);
  const label = t.merchantName ?? t.name;
  return (
    <li className="transaction">
      <div className="transaction-main">
        <span className="transaction-date">{day(t.date, { month: 'short', day: 'numeric', year: 'numeric' })}</span>
        <span className="transaction-name">{label}</span>
        <span className="muted small">
          {categoryName(t.category)}
          {t.category !== (t.plaidCategory ?? 'UNCATEGORIZED') && ' (yours)'} · {t.institutionName} {t.accountMask ? `••${t.accountMask}` : t.accountName}
          {t.pending && ' · pending'}
          {t.excludedFromBudgets && ' · not in budgets'}
        </span>
      </div>
      <span className={`transaction-amount ${signed(t.amountCents).className}`}>{money(t.amountCents, t.currency)}</span>
      <button type="button" className="link-button" aria-expanded={editing} onClick={() => setEditing(!editing)}>
        {editing ? 'Close' : 'Edit'}
        <span className="visually-hidden"> {label} on {t.date}</span>
      </button>
      {editing && <TransactionEditor transaction={t} onDone={() => setEditing(false)} />}
    </li>
  );
}

function TransactionEditor({ transaction: t, onDone }: { transaction: Transaction; onDone: () => void }) {
  const update = useUpdateTransaction();
  const [category, setCategory] = useState(t.category);
  const [counted, setCounted] = useState(!t.excludedFromBudgets);
  const { message } = errorsOf(update.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const backToPlaid = category === (t.plaidCategory ?? 'UNCATEGORIZED');
    update.mutate({ id: t.id, category: backToPlaid ? null : category, excludedFromBudgets: !counted }, { onSuccess: onDone });
  };
  return (
    <form className="transaction-editor" onSubmit={onSubmit} aria-label={`Change ${t.merchantName ?? t.name}`}>
      <Alert>{message}</Alert>
      <label className="field">
        <span>Category</span>
        <select value={category} onChange={(e) => setCategory(e.target.value)}>
          {t.plaidCategory === null && <option value="UNCATEGORIZED">Uncategorized</option>}
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {categoryName(c)}
              {c === t.plaidCategory ? ' (from your bank)' : ''}
            </option>
          ))}
        </select>
      </label>
      <label className="check">
        <input type="checkbox" checked={counted} onChange={(e) => setCounted(e.target.checked)} />
        Count in budgets
      </label>
      <div className="editor-actions">
        <button type="submit" className="button primary" disabled={update.isPending}>
          {update.isPending ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="button secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
