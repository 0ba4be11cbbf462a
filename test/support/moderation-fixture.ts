// Moderation fixtures written straight to the tables (the ingest route is another feature's):
// users, videos, cases and reports with values written out by hand, so that the expected queue
// order and decision effects in the tests are computed from this file, not by the product.
import type { TestConsole } from './console.js';

const HOUR = 3600_000;

async function q(c: TestConsole, text: string, values: unknown[]): Promise<void> {
  await c.stores.pg.handle.pool.query(text, values);
}

export async function insertUser(c: TestConsole, id: number, username: string, role: 'viewer' | 'creator' = 'viewer'): Promise<void> {
  await q(c, 'INSERT INTO users (id, username, email, display_name, role, region) VALUES ($1, $2, $3, $4, $5, $6)', [
    id,
    username,
    `${username}@users.example`,
    username,
    role,
    'FR',
  ]);
}

export async function insertVideo(c: TestConsole, id: number, creatorId: number, title: string, visibility = 'public'): Promise<void> {
  await q(c, 'INSERT INTO videos (id, creator_id, title, duration_ms, region, visibility, video_url, thumbnail_url) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
    id,
    creatorId,
    title,
    15000,
    'FR',
    visibility,
    '',
    '',
  ]);
}

export interface FixtureCase {
  id: number;
  videoId: number;
  status: 'open' | 'in_review' | 'escalated' | 'resolved';
  priority: number;
  parts: { reporters: number; severity: number; recency: number };
  reasons: string[];
  /** Hours before now of the first and last report. */
  firstHoursAgo: number;
  lastHoursAgo: number;
  /** Hours from now of the SLA due time (negative: breached). */
  slaInHours: number;
  version?: number;
  reports: { id: number; reporterId: number | null; reason: string }[];
}

export async function insertCase(c: TestConsole, k: FixtureCase): Promise<void> {
  const now = Date.now();
  const distinct = new Set(k.reports.map((r) => r.reporterId).filter((x) => x !== null)).size;
  await q(
    c,
    `INSERT INTO moderation_cases (id, video_id, status, priority, priority_parts, report_count, distinct_reporters, reasons,
      first_reported_at, last_reported_at, version, sla_due_at, resolved_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [
      k.id,
      k.videoId,
      k.status,
      k.priority,
      JSON.stringify(k.parts),
      k.reports.length,
      distinct,
      k.reasons,
      new Date(now - k.firstHoursAgo * HOUR),
      new Date(now - k.lastHoursAgo * HOUR),
      k.version ?? 1,
      new Date(now + k.slaInHours * HOUR),
      k.status === 'resolved' ? new Date(now - HOUR) : null,
    ],
  );
  for (const [i, r] of k.reports.entries()) {
    const at = new Date(now - (k.firstHoursAgo - ((k.firstHoursAgo - k.lastHoursAgo) * i) / Math.max(1, k.reports.length - 1)) * HOUR);
    await q(
      c,
      'INSERT INTO content_reports (id, video_id, reporter_id, source, reason, details, case_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [r.id, k.videoId, r.reporterId, r.reporterId === null ? 'automated' : 'user', r.reason, `report ${r.id}`, k.id, at],
    );
  }
}

export async function resetCaseSequence(c: TestConsole): Promise<void> {
  await q(c, "SELECT setval('moderation_cases_id_seq', (SELECT coalesce(max(id), 1) FROM moderation_cases))", []);
}

/**
 * The hand-made queue: creator 1 (user 1), reporters 11-15, videos 101-106. Each case's priority
 * follows the demo's formula (queries/postgres/demo/moderation_cases.sql), worked by hand in the
 * comment above it: reporters = 15 ln(1 + distinct reporters), severity = max over reasons,
 * recency = 10 exp(-hours since the last report / 24). The expected queue order (priority desc,
 * then first report asc, then id) is written out in the test.
 */
export const QUEUE_FIXTURE: FixtureCase[] = [
  // 15 ln 4 = 20.79, violence 25, 10 e^(-2/24) = 9.20 → 54.99
  {
    id: 1,
    videoId: 101,
    status: 'open',
    priority: 54.99,
    parts: { reporters: 20.79, severity: 25, recency: 9.2 },
    reasons: ['spam', 'violence'],
    firstHoursAgo: 10,
    lastHoursAgo: 2,
    slaInHours: -6,
    reports: [
      { id: 1001, reporterId: 11, reason: 'violence' },
      { id: 1002, reporterId: 12, reason: 'violence' },
      { id: 1003, reporterId: 13, reason: 'spam' },
    ],
  },
  // 15 ln 2 = 10.40, nudity 20, 10 e^(-1/24) = 9.59 → 39.99
  {
    id: 2,
    videoId: 102,
    status: 'open',
    priority: 39.99,
    parts: { reporters: 10.4, severity: 20, recency: 9.59 },
    reasons: ['nudity'],
    firstHoursAgo: 1,
    lastHoursAgo: 1,
    slaInHours: 3,
    reports: [{ id: 1004, reporterId: 14, reason: 'nudity' }],
  },
  // 15 ln 2 = 10.40, hate 20, 10 e^(-1/24) = 9.59 → 39.99, same as case 2 but reported earlier (5 h): before case 2
  {
    id: 3,
    videoId: 103,
    status: 'open',
    priority: 39.99,
    parts: { reporters: 10.4, severity: 20, recency: 9.59 },
    reasons: ['hate'],
    firstHoursAgo: 5,
    lastHoursAgo: 1,
    slaInHours: 19,
    reports: [
      { id: 1005, reporterId: 15, reason: 'hate' },
      { id: 1006, reporterId: 15, reason: 'hate' },
    ],
  },
  // 15 ln 6 = 26.88, self_harm 30, 10 e^(-0.5/24) = 9.79 → 66.67: the top case
  {
    id: 4,
    videoId: 104,
    status: 'open',
    priority: 66.67,
    parts: { reporters: 26.88, severity: 30, recency: 9.79 },
    reasons: ['self_harm'],
    firstHoursAgo: 3,
    lastHoursAgo: 0.5,
    slaInHours: 0.5,
    reports: [11, 12, 13, 14, 15].map((r, i) => ({ id: 1007 + i, reporterId: r, reason: 'self_harm' })),
  },
  // automated source only: 0 reporters, spam 5, 10 e^(-24/24) = 3.68 → 8.68
  {
    id: 5,
    videoId: 105,
    status: 'escalated',
    priority: 8.68,
    parts: { reporters: 0, severity: 5, recency: 3.68 },
    reasons: ['spam'],
    firstHoursAgo: 30,
    lastHoursAgo: 24,
    slaInHours: -6,
    version: 2,
    reports: [{ id: 1012, reporterId: null, reason: 'spam' }],
  },
  // resolved: never in the default queue
  {
    id: 6,
    videoId: 106,
    status: 'resolved',
    priority: 70,
    parts: { reporters: 30, severity: 30, recency: 10 },
    reasons: ['self_harm'],
    firstHoursAgo: 48,
    lastHoursAgo: 47,
    slaInHours: -44,
    version: 2,
    reports: [{ id: 1013, reporterId: 11, reason: 'self_harm' }],
  },
];

export async function insertQueueFixture(c: TestConsole): Promise<void> {
  await insertUser(c, 1, 'creator_one', 'creator');
  for (const id of [11, 12, 13, 14, 15]) await insertUser(c, id, `reporter_${id}`);
  for (const k of QUEUE_FIXTURE) await insertVideo(c, k.videoId, 1, `Video ${k.videoId}`);
  for (const k of QUEUE_FIXTURE) await insertCase(c, k);
  await resetCaseSequence(c);
}

/** `n` open cases on videos 10001.. of creator 2, priority n-i so that case 10001 is the top. */
export async function insertManyOpenCases(c: TestConsole, firstId: number, n: number): Promise<number[]> {
  await q(
    c,
    "INSERT INTO users (id, username, email, role, region) VALUES (2, 'creator_two', 'creator_two@users.example', 'creator', 'FR') ON CONFLICT DO NOTHING",
    [],
  );
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const id = firstId + i;
    await insertVideo(c, id, 2, `Bulk video ${id}`);
    await insertCase(c, {
      id,
      videoId: id,
      status: 'open',
      priority: n - i,
      parts: { reporters: 0, severity: 3, recency: 0 },
      reasons: ['other'],
      firstHoursAgo: 2,
      lastHoursAgo: 2,
      slaInHours: 22,
      reports: [{ id: id * 10, reporterId: null, reason: 'other' }],
    });
    ids.push(id);
  }
  await resetCaseSequence(c);
  return ids;
}
