import type { Dashboard } from '../../../../shared/contracts/dashboard.js';
import { money, signed } from '../../../lib/format.js';

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

export function NetWorth({ netWorth }: { netWorth: Dashboard['netWorth'] }) {
  return (
    <section className="card networth" aria-labelledby="networth-title">
      <h2 id="networth-title">Net worth</h2>
      <div className="figures">
        <Figure label="Without loans" cents={netWorth.withoutLoansCents} />
        <Figure label="With loans" cents={netWorth.withLoansCents} />
      </div>
    </section>
  );
}
