import { Card } from '../../../components/Card';
import { ErrorState } from '../../../components/ErrorState';
import { formatBytes, formatNumber } from '../../../lib/format';
import { rangeQuery, type ReportRange } from '../api/campaignsApi';
import { useDownload } from '../hooks/useDownload';

interface ExportsCardProps {
  campaignId: string;
  range: ReportRange;
  timezone: string;
}

/** Report and event-log downloads, streamed by the server; the bar follows the rows received. */
export function ExportsCard({ campaignId, range, timezone }: ExportsCardProps) {
  const download = useDownload();
  const q = rangeQuery(range);
  const base = `/api/campaigns/${encodeURIComponent(campaignId)}`;
  const files = [
    { label: 'Report CSV', path: `${base}/report.csv?${q}`, id: 'report-csv' },
    { label: 'Report XLSX', path: `${base}/report.xlsx?${q}`, id: 'report-xlsx' },
    { label: 'Event log CSV', path: `${base}/events.csv?${q}`, id: 'events-csv' },
    { label: 'Event log XLSX', path: `${base}/events.xlsx?${q}`, id: 'events-xlsx' },
  ];
  const p = download.progress;
  const pct = p?.totalRows ? Math.min(100, Math.round((100 * p.rows) / (p.totalRows + 2))) : undefined;

  return (
    <Card title="Exports" className="card--spaced">
      <p className="field__hint">
        Days {range.from} to {range.to} in <strong>{timezone}</strong>. The report has one row per day and a total; the event log has every impression, click,
        conversion and view event, for your own attribution tools. Files name the timezone.
      </p>
      <div className="export-bar">
        {files.map((f) => (
          <button
            key={f.id}
            type="button"
            className="button"
            disabled={download.active !== undefined}
            onClick={() => void download.start(f.label, f.path)}
            data-testid={`export-${f.id}`}
          >
            {f.label}
          </button>
        ))}
        {download.active && (
          <button type="button" className="button button--ghost" onClick={download.cancel}>
            Cancel
          </button>
        )}
      </div>
      {download.active && p && (
        <div className="export-progress" data-testid="export-progress" aria-live="polite">
          <div className="demo-progress__label">
            <span>{download.active}</span>
            <span className="demo-progress__step">
              {p.totalRows !== undefined ? `${formatNumber(Math.min(p.rows, p.totalRows))} of ${formatNumber(p.totalRows)} rows · ` : ''}
              {formatBytes(p.bytes)}
            </span>
          </div>
          <div
            className={pct === undefined ? 'progress progress--indeterminate' : 'progress'}
            role="progressbar"
            aria-valuenow={pct}
            aria-valuemin={0}
            aria-valuemax={100}
          >
            <div className="progress__bar" style={pct === undefined ? undefined : { width: `${pct}%` }} />
          </div>
        </div>
      )}
      {download.done && (
        <p className="form-success" data-testid="export-done">
          Saved {download.done}.
        </p>
      )}
      {download.error && <ErrorState compact title="The download failed" error={download.error} />}
    </Card>
  );
}
