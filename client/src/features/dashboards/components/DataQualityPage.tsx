import type { ColumnDef } from '@tanstack/react-table';
import { DataTable } from '../../../components/DataTable';
import { formatDuration, formatNumber } from '../../../lib/format';
import type { DataQuality, StreamQuality } from '../api/dashboardsApi';
import { useDashboardControls } from '../hooks/useDashboardControls';
import { useDataQuality } from '../hooks/useDashboards';
import { CsvLink } from './CsvLink';
import { DashboardHeader } from './DashboardHeader';
import { formatPercent } from './format';
import { Panel } from './Panel';

type Rejection = DataQuality['rejections'][number];
const rejectionColumns: ColumnDef<Rejection, any>[] = [
  { accessorKey: 'stream', header: 'Stream' },
  { accessorKey: 'reason', header: 'Reason' },
  { accessorKey: 'rows', header: 'Rows', meta: { numeric: true }, cell: (c) => formatNumber(c.getValue()) },
];

function scoreClass(score: number): string {
  return score >= 95 ? 'ok' : score >= 80 ? 'warning' : 'critical';
}

function Part({ label, value, detail }: { label: string; value: number | null; detail: string }) {
  return (
    <div className="dq-part">
      <div className="dq-part__label">{label}</div>
      <div className="dq-part__bar" aria-hidden="true">
        <span style={{ width: `${Math.round((value ?? 1) * 100)}%` }} />
      </div>
      <div className="dq-part__value">{value === null ? 'no rows' : formatPercent(value, 2)}</div>
      <div className="muted dq-part__detail">{detail}</div>
    </div>
  );
}

function StreamCard({ s }: { s: StreamQuality }) {
  const nulls = Object.entries(s.nullRates).filter(([, v]) => v !== null && v > 0);
  return (
    <div className="card dq-stream" data-testid={`dq-${s.stream}`}>
      <div className="card__header">
        <h2 className="card__title">{s.stream}</h2>
        <span className={`badge badge--${scoreClass(s.score)}`} data-testid={`dq-score-${s.stream}`}>
          {s.score} / 100
        </span>
      </div>
      <div className="card__body">
        <Part label="Validity" value={s.validity} detail={`${formatNumber(s.rejectedRows)} rejected of ${formatNumber(s.rawRows + s.rejectedRows)}`} />
        <Part
          label="Completeness"
          value={s.completeness}
          detail={nulls.length ? nulls.map(([c, v]) => `${c} ${formatPercent(v, 2)} empty`).join(' · ') : 'no empty required column'}
        />
        <Part
          label="Consistency"
          value={s.consistency}
          detail={`rollup ${formatNumber(s.rollupRows)} vs raw ${formatNumber(s.rawRows)}${s.orphanEvents === null ? '' : ` · ${formatNumber(s.orphanEvents)} orphan events`}`}
        />
        <p className="muted">Freshness: newest row {s.freshnessSeconds === null ? 'never' : `${formatDuration(s.freshnessSeconds)} ago`}</p>
      </div>
    </div>
  );
}

export function DataQualityPage() {
  const controls = useDashboardControls();
  const request = useDataQuality(controls);
  const w = controls.resolve();
  return (
    <>
      <DashboardHeader
        title="Data quality"
        description="A 0–100 score per stream: the mean of validity, completeness and consistency, each part shown."
        controls={controls}
        isFetching={request.isFetching}
      />
      <Panel title="Streams" request={request} actions={<CsvLink table="data-quality" window={w} />}>
        {(d) => (
          <div className="grid grid--3">
            {d.streams.map((s) => (
              <StreamCard key={s.stream} s={s} />
            ))}
          </div>
        )}
      </Panel>
      <div className="dash-gap" />
      <Panel title="Rejected rows by reason" request={request} flush actions={<CsvLink table="rejections" window={w} />}>
        {(d) => (
          <DataTable
            className="dash-scroll"
            caption="Rejected rows by reason"
            columns={rejectionColumns}
            data={d.rejections}
            empty="No rejected rows in this window."
          />
        )}
      </Panel>
    </>
  );
}
