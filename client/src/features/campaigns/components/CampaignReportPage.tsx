import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Card } from '../../../components/Card';
import { ErrorState } from '../../../components/ErrorState';
import { PageHeader } from '../../../components/PageHeader';
import { LoadingRegion, SkeletonLines } from '../../../components/Skeleton';
import { formatNumber } from '../../../lib/format';
import { useAccount } from '../../auth/hooks/useAuth';
import { BREAKDOWNS, type Breakdown, type CampaignReport, type ReportRange } from '../api/campaignsApi';
import { useCampaignReport } from '../hooks/useCampaignReport';
import { CampaignStatusBadge } from './CampaignStatusBadge';
import { DailyChart } from './DailyChart';
import { ExportsCard } from './ExportsCard';
import { addDays, formatDay, formatMoney, formatPercent, formatRatio, todayIn } from './format';
import { MetricsTable } from './MetricsTable';
import { SchedulesCard } from './SchedulesCard';
import './campaigns.css';

const BREAKDOWN_LABEL: Record<Breakdown, string> = { region: 'Region', device: 'Device' };

function Kpis({ report }: { report: CampaignReport }) {
  const t = report.totals;
  const c = report.currency;
  const tiles = [
    ['Impressions', formatNumber(t.impressions)],
    ['Reach', formatNumber(t.reach)],
    ['Clicks', formatNumber(t.clicks)],
    ['CTR', formatPercent(t.ctr)],
    ['Spend', formatMoney(t.spendMicros, c)],
    ['CPC', formatMoney(t.cpc, c)],
    ['CPM', formatMoney(t.cpm, c)],
    ['Conversions', formatNumber(t.conversions)],
    ['CVR', formatPercent(t.cvr)],
    ['Cost / conversion', formatMoney(t.costPerConversion, c)],
    ['ROAS', formatRatio(t.roas)],
    ['Completion rate', formatPercent(t.completionRate)],
  ];
  return (
    <div className="kpi-grid" data-testid="kpis">
      {tiles.map(([label, value]) => (
        <div className="kpi" key={label} data-testid={`kpi-${label}`}>
          <div className="kpi__label">{label}</div>
          <div className="kpi__value">{value}</div>
        </div>
      ))}
    </div>
  );
}

function RangeForm({ range, timezone, onApply }: { range: ReportRange; timezone: string; onApply: (r: ReportRange) => void }) {
  const [from, setFrom] = useState(range.from);
  const [to, setTo] = useState(range.to);
  const [error, setError] = useState<string | undefined>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!from || !to) return setError('Pick both days.');
    if (from > to) return setError('“From” must be on or before “To”.');
    setError(undefined);
    onApply({ from, to });
  };
  const preset = (days: number) => {
    const today = todayIn(timezone);
    const r = { from: addDays(today, -(days - 1)), to: today };
    setFrom(r.from);
    setTo(r.to);
    setError(undefined);
    onApply(r);
  };
  return (
    <form className="range-bar" onSubmit={submit} data-testid="range-form">
      <label className="field">
        <span className="field__label">From ({timezone})</span>
        <input className="input" type="date" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="range-from" />
      </label>
      <label className="field">
        <span className="field__label">To, inclusive ({timezone})</span>
        <input className="input" type="date" value={to} onChange={(e) => setTo(e.target.value)} data-testid="range-to" />
      </label>
      <button type="submit" className="button button--primary">
        Apply
      </button>
      <button type="button" className="button" onClick={() => preset(7)}>
        Last 7 days
      </button>
      <button type="button" className="button" onClick={() => preset(30)}>
        Last 30 days
      </button>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

export function CampaignReportPage() {
  const { id = '' } = useParams();
  const account = useAccount();
  const [range, setRange] = useState<ReportRange | undefined>(undefined);
  const [breakdown, setBreakdown] = useState<Breakdown>('region');
  const report = useCampaignReport(id, range, breakdown);
  const r = report.data;
  const shown: ReportRange | undefined = r ? { from: r.firstDay, to: r.lastDay } : range;

  if (!r) {
    return (
      <div className="page" data-testid="campaign-report-page">
        <PageHeader title="Campaign report" description={<Link to="/campaigns">← All campaigns</Link>} />
        {report.error ? (
          <ErrorState
            title={report.error.status === 404 ? 'No such campaign' : 'Could not load the report'}
            error={report.error}
            onRetry={report.error.status === 404 ? undefined : report.refetch}
          />
        ) : (
          <LoadingRegion label="Loading the report">
            <div className="card">
              <div className="card__body">
                <SkeletonLines lines={10} />
              </div>
            </div>
          </LoadingRegion>
        )}
      </div>
    );
  }

  const c = r.campaign;
  return (
    <div className="page" data-testid="campaign-report-page">
      <PageHeader
        title={c.name}
        description={
          <>
            <Link to="/campaigns">← All campaigns</Link> · <CampaignStatusBadge status={c.status} /> · {c.advertiserName} · {c.objective.replace('_', ' ')} ·
            budget {formatMoney(c.budgetMicros, c.currency)} · {formatDay(c.startDate)} – {c.endDate ? formatDay(c.endDate) : 'open-ended'} · days in{' '}
            <strong data-testid="report-timezone">{r.timezone}</strong>, amounts in {r.currency}
          </>
        }
        actions={
          <button type="button" className="button" onClick={report.refetch} disabled={report.isFetching}>
            Refresh
          </button>
        }
      />
      <Card title="Date range" className="card--spaced">
        <RangeForm key={`${shown!.from}-${shown!.to}`} range={shown!} timezone={r.timezone} onApply={setRange} />
        {report.error && <ErrorState compact title="Could not load this range" error={report.error} />}
      </Card>
      <Kpis report={r} />
      <Card title={`Daily series, ${formatDay(r.firstDay)} – ${formatDay(r.lastDay)} (${r.timezone})`} className="card--spaced">
        <DailyChart report={r} />
      </Card>
      <Card title="By day" flush className="card--spaced">
        <MetricsTable
          caption="Metrics per day"
          firstHeader="Day"
          rows={r.rows}
          label={(row) => row.date}
          totals={r.totals}
          currency={r.currency}
          testId="daily-table"
        />
      </Card>
      <Card
        title={`By ${breakdown}`}
        flush
        className="card--spaced"
        actions={
          <div className="segmented">
            {BREAKDOWNS.map((b) => (
              <button
                key={b}
                type="button"
                className={b === breakdown ? 'button button--small button--primary' : 'button button--small'}
                onClick={() => setBreakdown(b)}
                aria-pressed={b === breakdown}
              >
                {BREAKDOWN_LABEL[b]}
              </button>
            ))}
          </div>
        }
      >
        <MetricsTable
          caption={`Metrics by ${breakdown}`}
          firstHeader={BREAKDOWN_LABEL[breakdown]}
          rows={r.breakdown?.rows ?? []}
          label={(row) => row.key}
          currency={r.currency}
          testId="breakdown-table"
        />
      </Card>
      <ExportsCard campaignId={id} range={shown!} timezone={r.timezone} />
      <SchedulesCard campaignId={id} timezone={r.timezone} canEdit={account.role !== 'analyst'} />
    </div>
  );
}
