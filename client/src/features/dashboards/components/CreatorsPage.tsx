import type { ColumnDef } from '@tanstack/react-table';
import { DataTable } from '../../../components/DataTable';
import { formatNumber } from '../../../lib/format';
import type { CreatorRow } from '../api/dashboardsApi';
import { useDashboardControls } from '../hooks/useDashboardControls';
import { useTopCreators } from '../hooks/useDashboards';
import { CsvLink } from './CsvLink';
import { DashboardHeader } from './DashboardHeader';
import { Panel } from './Panel';

const LIMIT = 100;
const columns: ColumnDef<CreatorRow, any>[] = [
  { accessorKey: 'username', header: 'Creator', cell: (c) => <span className="cell-strong">{c.getValue()}</span> },
  { accessorKey: 'userId', header: 'User id', meta: { numeric: true } },
  { accessorKey: 'followers', header: 'Followers', meta: { numeric: true }, cell: (c) => formatNumber(c.getValue()) },
  { accessorKey: 'followerGrowth', header: 'New followers in window', meta: { numeric: true }, cell: (c) => formatNumber(c.getValue()) },
];

export function CreatorsPage() {
  const controls = useDashboardControls();
  const request = useTopCreators(controls, LIMIT);
  return (
    <>
      <DashboardHeader
        title="Top creators"
        description="Creators by follower count, with the followers gained in the window."
        controls={controls}
        isFetching={request.isFetching}
      />
      <Panel
        title={`Top ${LIMIT} creators`}
        request={request}
        flush
        actions={<CsvLink table="top-creators" window={controls.resolve()} extra={{ limit: LIMIT }} />}
      >
        {(d) => (
          <DataTable
            className="dash-scroll"
            caption="Top creators"
            columns={columns}
            data={d.rows}
            empty="No creator has followers yet."
            initialSorting={[{ id: 'followers', desc: true }]}
          />
        )}
      </Panel>
    </>
  );
}
