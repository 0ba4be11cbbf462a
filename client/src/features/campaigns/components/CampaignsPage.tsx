import { createColumnHelper } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { Card } from '../../../components/Card';
import { DataTable } from '../../../components/DataTable';
import { ErrorState } from '../../../components/ErrorState';
import { PageHeader } from '../../../components/PageHeader';
import { LoadingRegion, SkeletonLines } from '../../../components/Skeleton';
import { EMPTY_VALUE, formatNumber } from '../../../lib/format';
import { useAccount } from '../../auth/hooks/useAuth';
import type { Campaign } from '../api/campaignsApi';
import { useCampaigns } from '../hooks/useCampaigns';
import { CampaignStatusBadge } from './CampaignStatusBadge';
import { formatDay, formatMoney } from './format';
import './campaigns.css';

const column = createColumnHelper<Campaign>();

function campaignColumns(showAdvertiser: boolean) {
  return [
    column.accessor('name', {
      header: 'Campaign',
      cell: (info) => (
        <Link to={`/campaigns/${info.row.original.id}`} className="cell-strong campaign-name" data-testid={`campaign-link-${info.row.original.id}`}>
          {info.getValue()}
        </Link>
      ),
    }),
    ...(showAdvertiser ? [column.accessor('advertiserName', { header: 'Advertiser' })] : []),
    column.accessor('status', { header: 'Status', cell: (info) => <CampaignStatusBadge status={info.getValue()} /> }),
    column.accessor('budgetMicros', {
      header: 'Budget',
      meta: { numeric: true },
      cell: (info) => formatMoney(info.getValue(), info.row.original.currency),
    }),
    column.accessor('spendMicros', {
      header: 'Spend to date',
      meta: { numeric: true },
      cell: (info) => formatMoney(info.getValue(), info.row.original.currency),
    }),
    column.accessor('impressions', { header: 'Impressions', meta: { numeric: true }, cell: (info) => formatNumber(info.getValue()) }),
    column.accessor('startDate', { header: 'Start', cell: (info) => <span className="nowrap">{formatDay(info.getValue())}</span> }),
    column.accessor('endDate', {
      header: 'End',
      cell: (info) => <span className="nowrap">{info.getValue() ? formatDay(info.getValue()!) : EMPTY_VALUE}</span>,
    }),
    column.accessor('timezone', { header: 'Timezone', cell: (info) => <span className="muted">{info.getValue()}</span> }),
  ];
}

export function CampaignsPage() {
  const account = useAccount();
  const seesAll = account.role !== 'advertiser';
  const [advertiserId, setAdvertiserId] = useState<number | undefined>(undefined);
  const campaigns = useCampaigns(advertiserId);
  const columns = useMemo(() => campaignColumns(seesAll), [seesAll]);
  const advertisers = campaigns.data?.advertisers ?? [];

  let body;
  if (campaigns.data === undefined) {
    body = campaigns.error ? (
      <div className="card__body">
        <ErrorState title="Could not load campaigns" error={campaigns.error} onRetry={campaigns.refetch} compact />
      </div>
    ) : (
      <LoadingRegion label="Loading campaigns">
        <div className="card__body">
          <SkeletonLines lines={6} />
        </div>
      </LoadingRegion>
    );
  } else {
    body = (
      <DataTable
        caption="Campaigns"
        columns={columns}
        data={campaigns.data.items}
        getRowId={(row) => String(row.id)}
        empty={advertiserId ? 'This advertiser has no campaigns.' : 'No campaigns yet. They appear here when the platform sends them.'}
        data-testid="campaigns-table"
      />
    );
  }

  return (
    <div className="page" data-testid="campaigns-page">
      <PageHeader
        title="Campaigns"
        description={
          seesAll
            ? 'Every advertiser’s campaigns, with spend to date in each advertiser’s currency. Open one for its report and exports.'
            : `Your campaigns${advertisers[0] ? ` (${advertisers[0].name}, ${advertisers[0].timezone}, ${advertisers[0].currency})` : ''}. Open one for its report and exports.`
        }
        actions={
          <button type="button" className="button" onClick={campaigns.refetch} disabled={campaigns.isFetching}>
            Refresh
          </button>
        }
      />
      {seesAll && (
        <Card title="Filter" className="card--spaced">
          <div className="filters__row">
            <label className="field">
              <span className="field__label">Advertiser</span>
              <select
                className="select"
                value={advertiserId ?? ''}
                onChange={(event) => setAdvertiserId(event.target.value ? Number(event.target.value) : undefined)}
                data-testid="advertiser-filter"
              >
                <option value="">All advertisers</option>
                {advertisers.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name} · {a.timezone} · {a.currency}
                  </option>
                ))}
              </select>
            </label>
          </div>
        </Card>
      )}
      <Card title="Campaigns" flush actions={campaigns.data ? <span className="muted">{formatNumber(campaigns.data.items.length)} shown</span> : undefined}>
        {body}
      </Card>
    </div>
  );
}
