import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { ColumnDef } from '@tanstack/react-table';
import { Card } from '../../../components/Card';
import { DataTable } from '../../../components/DataTable';
import { ErrorState } from '../../../components/ErrorState';
import { PageHeader } from '../../../components/PageHeader';
import { LoadingRegion, SkeletonLines } from '../../../components/Skeleton';
import { formatDateTimeInZone, formatNumber } from '../../../lib/format';
import { useAccount } from '../../auth/hooks/useAuth';
import { OUTCOME_LABEL, REASON_LABEL, STATUS_LABEL, type UserPageData } from '../api/moderationApi';
import { useUserPage } from '../hooks/useUserPage';
import { AccountActionForm, AccountActionList } from './AccountActions';
import { CreatorHistory } from './CaseHistory';
import { StandingBadge } from './StandingBadge';
import { Thumbnail } from './Thumbnail';
import '../moderation.css';

type Video = UserPageData['videos'][number];
type Made = UserPageData['reportsMade'][number];
type Received = UserPageData['reportsReceived'][number];

const caseLink = (id: number | null, status?: string | null) =>
  id ? (
    <Link to={`/moderation/cases/${id}`}>
      case {id}
      {status ? ` · ${STATUS_LABEL[status as keyof typeof STATUS_LABEL] ?? status}` : ''}
    </Link>
  ) : (
    <span className="muted">—</span>
  );

/** /users/:id: a platform user for admins and moderators (profile, standing, actions, history). */
export function UserPage() {
  const { id } = useParams();
  const userId = Number(id);
  if (!Number.isSafeInteger(userId) || userId <= 0) {
    return (
      <div className="page">
        <PageHeader title="User" />
        <ErrorState title="No such user" error={`“${id}” is not a user id.`} />
      </div>
    );
  }
  return <UserView key={userId} userId={userId} />;
}

function UserView({ userId }: { userId: number }) {
  const account = useAccount();
  const tz = account.timezone;
  const page = useUserPage(userId);
  const [done, setDone] = useState<string | undefined>(undefined);
  const d = page.data;
  if (!d) {
    return (
      <div className="page">
        <PageHeader title={`User ${userId}`} />
        {page.error ? (
          <ErrorState title="Could not load the user" error={page.error} onRetry={page.refetch} />
        ) : (
          <LoadingRegion label="Loading the user">
            <SkeletonLines lines={10} />
          </LoadingRegion>
        )}
      </div>
    );
  }
  const u = d.user;
  const videoColumns: ColumnDef<Video, any>[] = [
    {
      accessorKey: 'title',
      header: 'Video',
      cell: (c) => (
        <span className="queue-video">
          <Thumbnail src={c.row.original.thumbnailUrl} videoId={c.row.original.id} />
          <span>
            {c.row.original.title || `Video ${c.row.original.id}`}
            <span className="table__sub muted mono">video {c.row.original.id}</span>
          </span>
        </span>
      ),
    },
    { accessorKey: 'visibility', header: 'Visibility', cell: (c) => String(c.getValue()).replace('_', '-') },
    { accessorKey: 'reports', header: 'Reports', meta: { numeric: true } },
    { accessorKey: 'caseId', header: 'Latest case', cell: (c) => caseLink(c.row.original.caseId, c.row.original.caseStatus) },
    { accessorKey: 'createdAt', header: 'Uploaded', cell: (c) => formatDateTimeInZone(c.getValue(), tz) },
  ];
  const madeColumns: ColumnDef<Made, any>[] = [
    { accessorKey: 'createdAt', header: 'Reported', cell: (c) => formatDateTimeInZone(c.getValue(), tz) },
    { accessorKey: 'title', header: 'Video', cell: (c) => c.getValue() || `Video ${c.row.original.videoId}` },
    { accessorKey: 'reason', header: 'Reason', cell: (c) => REASON_LABEL[c.getValue()] ?? c.getValue() },
    { accessorKey: 'caseId', header: 'Case', cell: (c) => caseLink(c.row.original.caseId) },
    {
      accessorKey: 'outcome',
      header: 'Outcome',
      cell: (c) => (c.getValue() ? OUTCOME_LABEL[c.getValue() as keyof typeof OUTCOME_LABEL] : <span className="muted">pending</span>),
    },
  ];
  const receivedColumns: ColumnDef<Received, any>[] = [
    { accessorKey: 'createdAt', header: 'Reported', cell: (c) => formatDateTimeInZone(c.getValue(), tz) },
    { accessorKey: 'title', header: 'Video', cell: (c) => c.getValue() || `Video ${c.row.original.videoId}` },
    { accessorKey: 'reason', header: 'Reason', cell: (c) => REASON_LABEL[c.getValue()] ?? c.getValue() },
    {
      accessorKey: 'reporterUsername',
      header: 'Reporter',
      cell: (c) => (c.row.original.reporterId ? <Link to={`/users/${c.row.original.reporterId}`}>@{c.getValue()}</Link> : c.row.original.source),
    },
    { accessorKey: 'caseId', header: 'Case', cell: (c) => caseLink(c.row.original.caseId) },
  ];
  return (
    <div className="page" data-testid="user-page">
      <nav className="breadcrumbs case-nav" aria-label="User navigation">
        <Link to="/moderation">← Review queue</Link>
      </nav>
      <PageHeader
        title={`@${u.username}`}
        description={
          <span className="case-meta">
            <span className="mono">
              user {u.id} · {u.role} · {u.region}
            </span>
            <span data-testid="user-standing">
              <StandingBadge standing={d.standing} timezone={tz} showActive />
            </span>
            {u.platformStatus === 'banned' && <span className="text-warning">banned on the platform</span>}
          </span>
        }
      />
      {done && (
        <p className="banner banner--ok" role="status" data-testid="account-done">
          {done}
        </p>
      )}
      <div className="case-layout">
        <div className="case-main">
          <Card title="Profile" className="card--spaced">
            <dl className="facts case-facts">
              <div className="facts__row">
                <dt>Name</dt>
                <dd>{u.displayName || '—'}</dd>
              </div>
              <div className="facts__row">
                <dt>Email</dt>
                <dd>{u.email ?? <span className="muted">hidden for your role</span>}</dd>
              </div>
              <div className="facts__row">
                <dt>Joined</dt>
                <dd>{formatDateTimeInZone(u.createdAt, tz)}</dd>
              </div>
              <div className="facts__row">
                <dt>Videos</dt>
                <dd>{formatNumber(u.videoCount)}</dd>
              </div>
              <div className="facts__row">
                <dt>As a reporter</dt>
                <dd data-testid="reporter-record">
                  {formatNumber(u.reportsMade)} reports; {d.reporterRecord.upheld} upheld, {d.reporterRecord.dismissed} dismissed cases; weight{' '}
                  {formatNumber(d.reporterRecord.weight, 2)} in case priority
                </dd>
              </div>
            </dl>
          </Card>
          <Card title={`Videos (${formatNumber(u.videoCount)})`} flush className="card--spaced">
            <DataTable caption="Videos of this user, newest first" columns={videoColumns} data={d.videos} empty="No videos." />
          </Card>
          <Card title="Reports about their videos" flush className="card--spaced">
            <DataTable caption="Reports about this user's videos" columns={receivedColumns} data={d.reportsReceived} empty="Nobody reported their videos." />
          </Card>
          <Card title="Reports they made" flush className="card--spaced">
            <DataTable caption="Reports this user made" columns={madeColumns} data={d.reportsMade} empty="No reports made." />
          </Card>
        </div>
        <aside className="case-side">
          <Card title="Act on this account" className="card--spaced">
            <AccountActionForm
              userId={u.id}
              username={u.username}
              subject={u.videoCount > 0 ? 'creator' : 'reporter'}
              live={d.actions.filter((a) => a.live)}
              timezone={tz}
              onDone={setDone}
            />
          </Card>
          <Card title="Account actions over time" className="card--spaced">
            <AccountActionList actions={d.actions} timezone={tz} />
          </Card>
          <Card title="Decisions on their videos" className="card--spaced">
            <CreatorHistory items={d.decisions} timezone={tz} />
          </Card>
        </aside>
      </div>
    </div>
  );
}
