import { useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { HistoryPoint } from '../../../../shared/contracts/history.js';
import { Alert } from '../../../components/ui/Alert.js';
import { day, money } from '../../../lib/format.js';
import { useDashboard } from '../../../lib/dashboard.js';
import { errorsOf } from '../../../lib/use-form.js';
import { useNetWorthHistory } from '../api/history.js';
import { DayExplanation } from './DayExplanation.js';

const RANGES = [
  { label: '1M', days: 30 },
  { label: '3M', days: 91 },
  { label: '1Y', days: 365 },
  { label: 'All', days: null },
] as const;

const W = 640;
const H = 200;
const PAD = 8;

const isoDaysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

/** Net worth over time, with and without loans; choosing a point explains it, account by account. */
export function NetWorthHistory() {
  const [range, setRange] = useState<(typeof RANGES)[number]['label']>('3M');
  const chosen = RANGES.find((r) => r.label === range)!;
  const dashboard = useDashboard().data;
  const figures = dashboard
    ? [dashboard.netWorth.withoutLoansCents, dashboard.netWorth.withLoansCents, ...dashboard.institutions.map((i) => `${i.status}${i.refreshedAt}${i.accounts.length}`)].join('|')
    : '';
  const history = useNetWorthHistory(chosen.days === null ? null : isoDaysAgo(chosen.days), figures);
  const points = history.data?.points ?? [];
  const [picked, setPicked] = useState<string | null>(null);
  const selected = points.find((p) => p.day === picked) ?? points.at(-1) ?? null;
  const { message } = errorsOf(history.error);

  return (
    <section className="card history" aria-labelledby="history-title">
      <div className="history-head">
        <h2 id="history-title">Net worth over time</h2>
        <div role="radiogroup" aria-label="Period" className="segmented">
          {RANGES.map((r) => (
            <button key={r.label} type="button" role="radio" aria-checked={range === r.label} className={range === r.label ? 'on' : ''} onClick={() => setRange(r.label)}>
              {r.label}
            </button>
          ))}
        </div>
      </div>
      <Alert>{message}</Alert>
      {history.isPending ? (
        <div className="skeleton short" aria-busy="true" aria-label="Loading net worth over time" />
      ) : points.length === 0 ? (
        <p className="muted">Your history starts when an institution is linked.</p>
      ) : (
        <>
          <Chart points={points} selected={selected} onSelect={setPicked} />
          {selected && <DayExplanation key={selected.day} point={selected} figures={figures} open={picked !== null} />}
        </>
      )}
    </section>
  );
}

function Chart({ points, selected, onSelect }: { points: HistoryPoint[]; selected: HistoryPoint | null; onSelect: (day: string) => void }) {
  const values = points.flatMap((p) => [p.withoutLoansCents, p.withLoansCents]);
  const low = Math.min(0, ...values);
  const high = Math.max(0, ...values);
  const span = high - low || 1;
  const x = (i: number) => (points.length === 1 ? W / 2 : PAD + (i * (W - 2 * PAD)) / (points.length - 1));
  const y = (cents: number) => PAD + ((high - cents) * (H - 2 * PAD)) / span;
  const index = selected ? points.indexOf(selected) : points.length - 1;
  const incomplete = points.some((p) => !p.complete);

  // One path per run of complete or incomplete days; incomplete runs are drawn dashed, never as a drop to zero.
  const runs = (key: 'withoutLoansCents' | 'withLoansCents') => {
    const out: { d: string; complete: boolean }[] = [];
    points.forEach((p, i) => {
      const last = out.at(-1);
      const move = `${x(i).toFixed(1)},${y(p[key]).toFixed(1)}`;
      if (last && last.complete === p.complete) last.d += ` L${move}`;
      else out.push({ d: last ? `M${x(i - 1).toFixed(1)},${y(points[i - 1]![key]).toFixed(1)} L${move}` : `M${move}`, complete: p.complete });
    });
    return out;
  };
  const pick = (i: number) => onSelect(points[Math.max(0, Math.min(points.length - 1, i))]!.day);
  const onClick = (event: MouseEvent<SVGSVGElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    pick(Math.round((((event.clientX - box.left) / box.width) * W - PAD) / ((W - 2 * PAD) / Math.max(1, points.length - 1))));
  };
  const onKey = (event: KeyboardEvent<SVGSVGElement>) => {
    const step = { ArrowLeft: -1, ArrowRight: 1, PageUp: -30, PageDown: 30 }[event.key];
    if (step) pick(index + step);
    else if (event.key === 'Home') pick(0);
    else if (event.key === 'End') pick(points.length - 1);
    else return;
    event.preventDefault();
  };
  const sel = points[index]!;

  return (
    <figure className="history-chart">
      <div className="y-labels" aria-hidden="true">
        <span>{money(high)}</span>
        <span>{money(low)}</span>
      </div>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        preserveAspectRatio="none"
        role="slider"
        tabIndex={0}
        aria-label="Day to explain (arrow keys move a day)"
        aria-valuemin={0}
        aria-valuemax={points.length - 1}
        aria-valuenow={index}
        aria-valuetext={`${day(sel.day)}: ${money(sel.withoutLoansCents)} without loans, ${money(sel.withLoansCents)} with loans${sel.complete ? '' : ', incomplete'}`}
        onClick={onClick}
        onKeyDown={onKey}
      >
        {low < 0 && <line x1={0} x2={W} y1={y(0)} y2={y(0)} className="zero-line" />}
        {(['withLoansCents', 'withoutLoansCents'] as const).map((key) =>
          runs(key).map((run, i) => <path key={`${key}-${i}`} d={run.d} className={`line ${key === 'withoutLoansCents' ? 'without' : 'with'}${run.complete ? '' : ' incomplete'}`} vectorEffect="non-scaling-stroke" />),
        )}
        <line x1={x(index)} x2={x(index)} y1={0} y2={H} className="cursor-line" vectorEffect="non-scaling-stroke" />
      </svg>
      <figcaption className="chart-axis">
        <span>{day(points[0]!.day)}</span>
        <span className="legend">
          <span className="key without" aria-hidden="true" /> Without loans <span className="key with" aria-hidden="true" /> With loans
          {incomplete && (
            <>
              {' '}
              <span className="key incomplete" aria-hidden="true" /> Incomplete (an account has no balance yet)
            </>
          )}
        </span>
        <span>{day(points.at(-1)!.day)}</span>
      </figcaption>
    </figure>
  );
}
