import type { ReactNode } from 'react';
import { money, percent } from '../lib/format.js';

export interface ShareRow {
  key: string;
  label: ReactNode;
  color?: string;
  amountCents: number;
  share: number;
}

/** The table beside a doughnut: each slice's amount and share, and optionally a total row (the sum of the rows). */
export function SharesTable({ caption, labelHeading, amountHeading, rows, total }: { caption: string; labelHeading: string; amountHeading: string; rows: ShareRow[]; total?: { label: ReactNode; amountCents: number } }) {
  return (
    <table className="breakdown-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{labelHeading}</th>
          <th scope="col" className="num">
            {amountHeading}
          </th>
          <th scope="col" className="num">
            Share
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">
              <span className="swatch" style={{ background: row.color }} aria-hidden="true" />
              {row.label}
            </th>
            <td className="num">{money(row.amountCents)}</td>
            <td className="num">{percent(row.share)}</td>
          </tr>
        ))}
      </tbody>
      {total && (
        <tfoot>
          <tr>
            <th scope="row">{total.label}</th>
            <td className="num">
              <strong>{money(total.amountCents)}</strong>
            </td>
            <td className="num">{percent(1)}</td>
          </tr>
        </tfoot>
      )}
    </table>
  );
}
