import { Link } from 'react-router-dom';
import { ScrollRegion } from '../../../components/ScrollRegion';
import { formatDateTimeInZone, formatNumber } from '../../../lib/format';
import { REASON_LABEL, type CaseDetail } from '../api/moderationApi';

function reporterLabel(r: CaseDetail['reports'][number]): string {
  if (!r.reporter) return 'automated';
  if (r.reporter.masked) return 'hidden for your role';
  return `@${r.reporter.username}`;
}

export function ReasonBreakdown({ breakdown, total }: { breakdown: CaseDetail['reasonBreakdown']; total: number }) {
  return (
    <ul className="breakdown" data-testid="reason-breakdown">
      {breakdown.map((b) => (
        <li key={b.reason} className="breakdown__row">
          <span className="breakdown__label">{REASON_LABEL[b.reason] ?? b.reason}</span>
          <span className="breakdown__bar">
            <span style={{ width: `${(100 * b.count) / Math.max(1, total)}%` }} />
          </span>
          <span className="breakdown__count">{formatNumber(b.count)}</span>
        </li>
      ))}
    </ul>
  );
}

export function CaseReports({ reports, timezone }: { reports: CaseDetail['reports']; timezone: string }) {
  return (
    <ScrollRegion label="Reports of this case">
      <table className="table" data-testid="case-reports">
        <caption className="visually-hidden">Reports of this case, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Reported</th>
            <th scope="col">Reason</th>
            <th scope="col">Reporter</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {reports.map((r) => (
            <tr key={r.id}>
              <td className="nowrap">
                <time dateTime={r.createdAt}>{formatDateTimeInZone(r.createdAt, timezone)}</time>
              </td>
              <td>{REASON_LABEL[r.reason] ?? r.reason}</td>
              <td title={r.reporter?.email ?? undefined}>
                {r.reporter?.id ? <Link to={`/users/${r.reporter.id}`}>{reporterLabel(r)}</Link> : reporterLabel(r)}
              </td>
              <td className="report-details">{r.details || <span className="muted">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
