import { ArcElement, Chart, DoughnutController, Tooltip } from 'chart.js';
import { Doughnut } from 'react-chartjs-2';
import type { Dashboard } from '../../../../shared/contracts/dashboard.js';
import { money, percent } from '../../../lib/format.js';

Chart.register(ArcElement, DoughnutController, Tooltip);

/** The breakdown as a doughnut; the table beside it carries the same numbers for everyone. */
export default function DoughnutChart({ slices, colors }: { slices: Dashboard['breakdown']; colors: Map<string, string> }) {
  const label = slices.map((s) => `${s.name} ${money(s.amountCents)} (${percent(s.share)})`).join(', ');
  return (
    <Doughnut
      role="img"
      aria-label={`Net worth without loans by institution: ${label}`}
      data={{
        labels: slices.map((s) => s.name),
        datasets: [{ data: slices.map((s) => s.amountCents / 100), backgroundColor: slices.map((s) => colors.get(s.institutionId) ?? '#888'), borderWidth: 1 }],
      }}
      options={{
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          tooltip: {
            callbacks: { label: (item) => `${money(slices[item.dataIndex]!.amountCents)} (${percent(slices[item.dataIndex]!.share)})` },
          },
        },
      }}
    />
  );
}
