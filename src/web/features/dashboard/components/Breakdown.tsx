import type { Dashboard } from '../../../../shared/contracts/dashboard.js';
import { money, percent } from '../../../lib/format.js';
import { DoughnutChart } from '../../../components/DoughnutChart.js';

export function Breakdown({ slices, colors, linking }: { slices: Dashboard['breakdown']; colors: Map<string, string>; linking: boolean }) {
  return (
    <section className="card breakdown" aria-labelledby="breakdown-title">
      <h2 id="breakdown-title">Where it is</h2>
      {slices.length === 0 ? (
        <p className="muted empty-chart">
          {linking ? 'The chart appears once your institution has finished linking.' : 'Nothing to chart yet: no institution holds more than it owes.'}
        </p>
      ) : (
        <div className="breakdown-body">
          <div className="chart-box">
            <DoughnutChart slices={slices.map((s) => ({ ...s, key: s.institutionId }))} colors={colors} title="Net worth without loans by institution" />
          </div>
          <table className="breakdown-table">
            <caption className="visually-hidden">Net worth without loans by institution</caption>
            <thead>
              <tr>
                <th scope="col">Institution</th>
                <th scope="col" className="num">
                  Amount
                </th>
                <th scope="col" className="num">
                  Share
                </th>
              </tr>
            </thead>
            <tbody>
              {slices.map((slice) => (
                <tr key={slice.institutionId}>
                  <th scope="row">
                    <span className="swatch" style={{ background: colors.get(slice.institutionId) }} aria-hidden="true" />
                    {slice.name}
                  </th>
                  <td className="num">{money(slice.amountCents)}</td>
                  <td className="num">{percent(slice.share)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
