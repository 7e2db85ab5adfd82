import type { Dashboard, DashboardInstitution } from '../../../../shared/contracts/dashboard.js';
import { asOf, money, signed } from '../../../lib/format.js';

/** Older than a day: the figure may have moved since (product.md section 3). */
export const STALE_MS = 24 * 60 * 60_000;

function Figure({ label, cents }: { label: string; cents: number }) {
  const { className, word } = signed(cents);
  return (
    <div className="figure">
      <p className="figure-label">{label}</p>
      <p className={className}>
        <span className="figure-value">{money(cents)}</span>
        <span className="tone-word">{word}</span>
      </p>
    </div>
  );
}

const nameOf = (institution: DashboardInstitution) => institution.name ?? 'a new institution';
const list = (names: string[]) => (names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`);

/** Why an institution's figures may not be current, or null when they are. */
export function staleness(institution: DashboardInstitution, now = Date.now()): string | null {
  if (institution.status !== 'ready') return null;
  if (institution.health === 'needs_relogin') return 'needs you to sign in again';
  if (institution.health === 'institution_down') return 'is not responding';
  if (institution.health === 'refresh_failed') return 'could not be refreshed';
  if (institution.health === 'pending_disconnect') return 'will disconnect soon';
  if (!institution.refreshedAt || now - Date.parse(institution.refreshedAt) > STALE_MS) return `was last refreshed ${asOf(institution.refreshedAt).replace(/^as of /, '')}`;
  return null;
}

/**
 * Net worth with the time it holds for (the oldest refresh it includes), and what it leaves out
 * or may have wrong: an institution still linking, stale or failing. Never a silent $0.00.
 */
export function NetWorth({ netWorth, institutions }: { netWorth: Dashboard['netWorth']; institutions: DashboardInstitution[] }) {
  const ready = institutions.filter((i) => i.status === 'ready');
  const linking = institutions.filter((i) => i.status === 'linking');
  const oldest = ready.map((i) => i.refreshedAt).reduce<string | null>((min, at) => (at !== null && (min === null || at < min) ? at : min), null);
  const warnings = ready.flatMap((i) => {
    const why = staleness(i);
    return why ? [`${nameOf(i)} ${why}`] : [];
  });
  return (
    <section className="card networth" aria-labelledby="networth-title">
      <h2 id="networth-title">Net worth</h2>
      {ready.length === 0 && linking.length > 0 ? (
        <p className="networth-linking" role="status">
          <span className="spinner" aria-hidden="true" /> Linking {list(linking.map(nameOf))}… Your net worth appears as soon as its accounts are read.
        </p>
      ) : (
        <>
          <p className="muted small networth-asof">{ready.length > 0 ? asOf(oldest) : 'No institution counted yet.'}</p>
          <div className="figures">
            <Figure label="Without loans" cents={netWorth.withoutLoansCents} />
            <Figure label="With loans" cents={netWorth.withLoansCents} />
          </div>
          {linking.length > 0 && <p className="notice small">Not counted yet: {list(linking.map(nameOf))} is still linking.</p>}
          {warnings.length > 0 && (
            <p className="notice warn small" role="status">
              May be out of date: {warnings.join('; ')}.
            </p>
          )}
        </>
      )}
    </section>
  );
}
