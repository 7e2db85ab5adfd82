import { money, percent } from '../lib/format.js';

export interface Slice {
  key: string;
  name: string;
  amountCents: number;
  /** Fraction of the whole, 0 to 1. */
  share: number;
}

const SIZE = 180;
const RADIUS = 70;
const WIDTH = 30;
const CIRCUMFERENCE = 2 * Math.PI * RADIUS;
/** A hairline between slices, as the table's rows are separated. */
const GAP = 1.5;

/**
 * Shares of a whole as a doughnut (the dashboard's breakdown, a month's spending by category), drawn as SVG: a ring per slice, its length the slice's share. It
 * costs the page no library and almost no script (decision 016: the chart library was the largest
 * single task on the dashboard). Hovering a slice names it; the table beside it carries the same
 * numbers for everyone, and the image's label reads them out.
 */
export function DoughnutChart({ slices, colors, title }: { slices: Slice[]; colors: Map<string, string>; title: string }) {
  const label = slices.map((s) => `${s.name} ${money(s.amountCents)} (${percent(s.share)})`).join(', ');
  let start = 0;
  return (
    <svg viewBox={`0 0 ${SIZE} ${SIZE}`} width={SIZE} height={SIZE} role="img" aria-label={`${title}: ${label}`} className="doughnut">
      <g transform={`rotate(-90 ${SIZE / 2} ${SIZE / 2})`}>
        {slices.map((slice) => {
          const length = slice.share * CIRCUMFERENCE;
          const visible = slices.length > 1 ? Math.max(0, length - GAP) : length;
          const ring = (
            <circle
              key={slice.key}
              cx={SIZE / 2}
              cy={SIZE / 2}
              r={RADIUS}
              fill="none"
              stroke={colors.get(slice.key) ?? '#888'}
              strokeWidth={WIDTH}
              strokeDasharray={`${visible} ${CIRCUMFERENCE - visible}`}
              strokeDashoffset={-start}
            >
              <title>{`${slice.name}: ${money(slice.amountCents)} (${percent(slice.share)})`}</title>
            </circle>
          );
          start += length;
          return ring;
        })}
      </g>
    </svg>
  );
}
