import type { ColumnDef } from '@tanstack/react-table';
import { DataTable } from '../../../components/DataTable';
import { formatDuration, formatNumber } from '../../../lib/format';
import type { Moderation } from '../api/dashboardsApi';
import { useDashboardControls } from '../hooks/useDashboardControls';
import { useModerationKpis } from '../hooks/useDashboards';
import { CsvLink } from './CsvLink';
import { DashboardHeader } from './DashboardHeader';
import { Panel } from './Panel';

type ModRow = Moderation['moderators'][number];
const columns: ColumnDef<ModRow, any>[] = [
  { accessorKey: 'email', header: 'Moderator', cell: (c) => c.getValue() ?? `#${c.row.original.reviewerId}` },
  { accessorKey: 'decisions', header: 'Decisions', meta: { numeric: true }, cell: (c) => formatNumber(c.getValue()) },
  { accessorKey: 'removals', header: 'Removals', meta: { numeric: true }, cell: (c) => formatNumber(c.getValue()) },
  { accessorKey: 'dismissals', header: 'Dismissals', meta: { numeric: true }, cell: (c) => formatNumber(c.getValue()) },
];

export function ModerationKpisPage() {
  const controls = useDashboardControls();
  const request = useModerationKpis(controls);
  return (
    <>
      <DashboardHeader
        title="Moderation KPIs"
        description="Backlog, age, time to decision, decisions per moderator and SLA breaches."
        controls={controls}
        isFetching={request.isFetching}
      />
      <Panel title="Indicators" request={request} skeletonLines={3}>
        {(d) => (
          <div className="kpi-grid">
            <div className="kpi" data-testid="kpi-open-cases">
              <div className="kpi__label">Open cases (now)</div>
              <div className="kpi__value">{formatNumber(d.openCases)}</div>
              <div className="muted">{formatNumber(d.openCasesAtFrom)} open at the window’s start</div>
            </div>
            <div className="kpi">
              <div className="kpi__label">Oldest open case</div>
              <div className="kpi__value">{formatDuration(d.oldestOpenSeconds)}</div>
            </div>
            <div className="kpi">
              <div className="kpi__label">Median time to decision</div>
              <div className="kpi__value">{formatDuration(d.medianDecisionSeconds)}</div>
              <div className="muted">{formatNumber(d.decisions)} decisions in window</div>
            </div>
            <div className="kpi">
              <div className="kpi__label">SLA breaches</div>
              <div className="kpi__value">{formatNumber(d.slaBreaches)}</div>
              <div className="muted">
                {formatNumber(d.openSlaBreaches)} open past due · {formatNumber(d.resolvedSlaBreaches)} resolved late
              </div>
            </div>
          </div>
        )}
      </Panel>
      <div className="dash-gap" />
      <Panel title="Decisions per moderator" request={request} flush actions={<CsvLink table="moderators" window={controls.resolve()} />}>
        {(d) => (
          <DataTable className="dash-scroll" caption="Decisions per moderator" columns={columns} data={d.moderators} empty="No decisions in this window." />
        )}
      </Panel>
    </>
  );
}
