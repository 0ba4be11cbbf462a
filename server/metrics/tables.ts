// The tables of the dashboards (what a CSV download writes): each column is a dimension or a
// metric of the registry, so the table on screen, its CSV and the Definitions page agree.
import type { Role } from '../../contract/auth.js';
import { METRIC_BY_ID, type PanelId } from './registry.js';

export interface TableColumn {
  key: string;
  header: string;
  /** The registry metric the column shows; absent for dimensions. */
  metric?: string;
}

export interface TableDefinition {
  id: string;
  title: string;
  panel: PanelId;
  roles: Role[];
  columns: TableColumn[];
}

export const PLATFORM_ROLES: Role[] = ['admin', 'oncall', 'analyst'];
export const MODERATION_ROLES: Role[] = ['admin', 'moderator', 'oncall', 'analyst'];

const m = (id: string, key = id): TableColumn => ({ key, header: METRIC_BY_ID.get(id)?.name ?? id, metric: id });
const d = (key: string, header: string): TableColumn => ({ key, header });

export const TABLES: TableDefinition[] = [
  {
    id: 'trending-videos',
    title: 'Trending videos',
    panel: 'trending-videos',
    roles: PLATFORM_ROLES,
    columns: [
      d('videoId', 'Video id'),
      d('title', 'Title'),
      d('creatorId', 'Creator id'),
      m('views'),
      m('likes'),
      m('comments'),
      m('shares'),
      m('engagementRate'),
      m('avgWatchMs'),
      m('growthVelocity'),
      m('changePct'),
    ],
  },
  {
    id: 'engagement',
    title: 'Engagement over time',
    panel: 'engagement',
    roles: PLATFORM_ROLES,
    columns: [d('bucket', 'Bucket start (UTC)'), m('views'), m('likes'), m('comments'), m('shares'), m('engagementRate')],
  },
  {
    id: 'engagement-breakdown',
    title: 'Engagement by segment',
    panel: 'engagement-breakdown',
    roles: PLATFORM_ROLES,
    columns: [d('segment', 'Segment'), m('views'), m('likes'), m('comments'), m('shares'), m('engagementRate'), m('avgWatchMs')],
  },
  {
    id: 'watch-time',
    title: 'Watch time and completion',
    panel: 'watch-time',
    roles: PLATFORM_ROLES,
    columns: [d('bucket', 'Bucket start (UTC)'), m('views'), m('avgWatchMs'), m('completionRate')],
  },
  {
    id: 'top-creators',
    title: 'Top creators',
    panel: 'top-creators',
    roles: PLATFORM_ROLES,
    columns: [d('userId', 'User id'), d('username', 'Username'), m('followers'), m('followerGrowth')],
  },
  {
    id: 'revenue',
    title: 'Revenue per day and kind',
    panel: 'revenue',
    roles: PLATFORM_ROLES,
    columns: [d('day', 'Day'), d('kind', 'Kind'), { key: 'amountMinor', header: 'Amount (minor units)', metric: 'revenue' }, d('currency', 'Currency')],
  },
  {
    id: 'payouts',
    title: 'Payouts per day',
    panel: 'revenue',
    roles: PLATFORM_ROLES,
    columns: [d('day', 'Day'), { key: 'amountMinor', header: 'Payouts (minor units)', metric: 'payouts' }, d('currency', 'Currency')],
  },
  {
    id: 'latency',
    title: 'Latency per route',
    panel: 'latency',
    roles: PLATFORM_ROLES,
    columns: [
      d('route', 'Route'),
      d('method', 'Method'),
      m('requests'),
      m('latencyP50', 'p50'),
      m('latencyP95', 'p95'),
      m('latencyP99', 'p99'),
      m('errorRate'),
    ],
  },
  {
    id: 'moderators',
    title: 'Decisions per moderator',
    panel: 'moderation',
    roles: MODERATION_ROLES,
    columns: [
      d('reviewerId', 'Reviewer id'),
      d('email', 'Email'),
      { key: 'decisions', header: 'Decisions', metric: 'decisionsPerModerator' },
      d('removals', 'Removals'),
      d('dismissals', 'Dismissals'),
    ],
  },
  {
    id: 'data-quality',
    title: 'Data quality per stream',
    panel: 'data-quality',
    roles: PLATFORM_ROLES,
    columns: [
      d('stream', 'Stream'),
      m('qualityScore', 'score'),
      m('validity'),
      m('completeness'),
      m('consistency'),
      d('rawRows', 'Raw rows'),
      d('rejectedRows', 'Rejected rows'),
      d('orphanEvents', 'Orphan events'),
      m('freshnessSeconds'),
    ],
  },
  {
    id: 'rejections',
    title: 'Rejected rows by reason',
    panel: 'data-quality',
    roles: PLATFORM_ROLES,
    columns: [d('stream', 'Stream'), d('reason', 'Reason'), { key: 'rows', header: 'Rows', metric: 'rejectedRows' }],
  },
];

export const TABLE_BY_ID = new Map(TABLES.map((t) => [t.id, t]));

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? (Number.isInteger(v) ? String(v) : String(Math.round(v * 1e6) / 1e6)) : String(v);
  // Formula injection: a cell starting with = + - @ is read as a formula by spreadsheets.
  const safe = /^[=+\-@\t\r]/.test(s) && typeof v !== 'number' ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** RFC 4180 CSV with a header line; preamble lines (timezone, window) as `# ` comments first. */
export function toCsv(table: TableDefinition, rows: Record<string, unknown>[], preamble: string[]): string {
  const lines = preamble.map((p) => `# ${p}`);
  lines.push(table.columns.map((c) => csvCell(c.header)).join(','));
  for (const r of rows) lines.push(table.columns.map((c) => csvCell(r[c.key])).join(','));
  return lines.join('\r\n') + '\r\n';
}
