import type { Dashboard } from '../../../../shared/contracts/dashboard.js';
import { SharesTable } from '../../../components/SharesTable.js';
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
          <SharesTable
            caption="Net worth without loans by institution"
            labelHeading="Institution"
            amountHeading="Amount"
            rows={slices.map((slice) => ({ key: slice.institutionId, label: slice.name, color: colors.get(slice.institutionId), amountCents: slice.amountCents, share: slice.share }))}
          />
        </div>
      )}
    </section>
  );
}
