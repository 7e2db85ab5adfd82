import type { HistoryPoint } from '../../../../shared/contracts/history.js';
import { Alert } from '../../../components/ui/Alert.js';
import { day, money, signed } from '../../../lib/format.js';
import { errorsOf } from '../../../lib/use-form.js';
import { useExplanation } from '../api/history.js';

const SOURCE = {
  observed: () => 'read from the bank that day',
  estimated: () => 'estimated from later transactions',
  carried: (on: string | null) => `carried forward from ${on ? day(on) : 'an earlier day'}`,
  missing: () => 'no balance yet: counted as nothing',
} as const;

/** One day's point, account by account: the contributions add up to the point, to the cent. */
/** `open`: the table shown at once (the person picked this day) rather than behind its summary. */
export function DayExplanation({ point, figures, open }: { point: HistoryPoint; figures: string; open: boolean }) {
  const explanation = useExplanation(point.day, figures);
  const { message } = errorsOf(explanation.error);
  const data = explanation.data;
  return (
    <div className="explanation" aria-live="polite">
      <h3>
        {day(point.day, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' })}: <span className={signed(point.withoutLoansCents).className}>{money(point.withoutLoansCents)}</span>{' '}
        without loans, <span className={signed(point.withLoansCents).className}>{money(point.withLoansCents)}</span> with loans
        {!point.complete && <span className="badge warn">incomplete</span>}
      </h3>
      <Alert>{message}</Alert>
      {data && (
        <details className="explain" open={open}>
          <summary>
            How this day adds up, account by account ({data.accounts.length} account{data.accounts.length === 1 ? '' : 's'})
          </summary>
          <table className="explain-table">
            <caption className="visually-hidden">How each account counts on {day(point.day)}</caption>
            <thead>
              <tr>
                <th scope="col">Account and balance used</th>
                <th scope="col" className="num">
                  Counts without loans
                </th>
                <th scope="col" className="num">
                  Counts with loans
                </th>
              </tr>
            </thead>
            <tbody>
              {data.accounts.map((a) => (
                <tr key={a.accountId} className={a.hidden ? 'muted' : undefined}>
                  <th scope="row">
                    {a.name}
                    {a.mask && ` ••${a.mask}`}
                    <span className="muted small block">
                      {a.institutionName}
                      {a.hidden && ' · hidden, not counted'}
                    </span>
                    <span className="small block">
                      {money(a.balanceCents)} · <span className="muted">{SOURCE[a.source](a.observedOn)}</span>
                    </span>
                  </th>
                  <td className="num" data-label="Without loans">
                    {money(a.contribution.withoutLoansCents)}
                  </td>
                  <td className="num" data-label="With loans">
                    {money(a.contribution.withLoansCents)}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Net worth</th>
                <td className="num" data-label="Without loans">
                  <strong>{money(data.withoutLoansCents)}</strong>
                </td>
                <td className="num" data-label="With loans">
                  <strong>{money(data.withLoansCents)}</strong>
                </td>
              </tr>
            </tfoot>
          </table>
        </details>
      )}
    </div>
  );
}
