// The fixture of test/integration/preaggregates.test.ts and preaggregates-postgres.test.ts: a deterministic
// stream of ~4,000 video events over five weeks, transactions and follows, fed through the ingest API, and
// the figures the panels must show computed here from those raw rows (docs/scale.md).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startTestConsole, type TestConsole } from './console.js';
import { ADMIN, bootstrapAdminEnv, login, type TestSession } from './auth.js';
import type { Interval } from '../../server/features/dashboards/dashboards.service.js';

export const USERS = [821, 822, 823];
export const VIDEOS = [
  { id: 951, creatorId: 821, durationMs: 60_000 },
  { id: 952, creatorId: 821, durationMs: 20_000 },
  { id: 953, creatorId: 822, durationMs: 180_000 },
  // The known distribution: 200 views watching 0.5 s, 1.5 s, …, 199.5 s of a 60 s video.
  { id: 960, creatorId: 822, durationMs: 60_000 },
];
export const ORPHAN_VIDEO = 959; // never sent to PostgreSQL
const DURATION = new Map(VIDEOS.map((v) => [v.id, v.durationMs]));

export type Ev = {
  ts: number;
  type: 'view' | 'like' | 'comment' | 'share' | 'follow';
  videoId: number;
  userId: number;
  watchMs: number;
  region: string;
  device: string;
};

/** mulberry32: the same stream on every run. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SPAN_FROM = Date.parse('2026-02-18T00:00:00Z');
const SPAN_TO = Date.parse('2026-03-24T00:00:00Z');
const KNOWN_AT = Date.parse('2026-03-10T12:00:00Z');

function makeEvents(): Ev[] {
  const r = rng(12);
  const out: Ev[] = [];
  for (let i = 0; i < 4000; i++) {
    const u = r();
    const type = u < 0.8 ? 'view' : u < 0.9 ? 'like' : u < 0.95 ? 'comment' : u < 0.98 ? 'share' : 'follow';
    const videoId = r() < 0.03 ? ORPHAN_VIDEO : VIDEOS[Math.floor(r() * 3)]!.id;
    const d = DURATION.get(videoId) ?? 30_000;
    // Dense around the LA DST day and the Kathmandu windows, thin elsewhere over five weeks.
    const dense = r() < 0.5;
    const ts = dense ? Date.parse('2026-03-04T12:00:00Z') + Math.floor(r() * 5.5 * 86_400_000) : SPAN_FROM + Math.floor(r() * (SPAN_TO - SPAN_FROM));
    const w = r();
    const watchMs = type !== 'view' ? 0 : w < 0.1 ? 0 : w < 0.35 ? d : Math.floor(r() * 2 * d);
    out.push({
      ts,
      type,
      videoId,
      userId: r() < 0.05 ? 0 : USERS[Math.floor(r() * 3)]!,
      watchMs,
      region: ['US', 'IN', 'NP'][Math.floor(r() * 3)]!,
      device: ['ios', 'android', 'web'][Math.floor(r() * 3)]!,
    });
  }
  for (let k = 0; k < 200; k++)
    out.push({ ts: KNOWN_AT + k * 1000, type: 'view', videoId: 960, userId: 821, watchMs: 500 + 1000 * k, region: 'US', device: 'ios' });
  return out;
}
export const EVENTS = makeEvents();

// PostgreSQL facts: 30 fans following the 3 creators at random instants, and transactions, 40 of
// them sent again later with another amount, kind or instant (an upsert moves them).
const FANS = Array.from({ length: 30 }, (_, i) => 831 + i);
type Follow = { follower: number; followee: number; at: number };
type Tx = { id: number; kind: string; amountMinor: number; currency: string; userId: number; at: number };
function makeFacts() {
  const r = rng(34);
  const at = () => (r() < 0.6 ? Date.parse('2026-03-04T12:00:00Z') + Math.floor(r() * 5.5 * 86_400_000) : SPAN_FROM + Math.floor(r() * (SPAN_TO - SPAN_FROM)));
  const follows: Follow[] = [];
  for (const f of FANS) for (const c of USERS) if (r() < 0.3 + 0.25 * (c - 821)) follows.push({ follower: f, followee: c, at: at() });
  const kinds = ['subscription', 'gift', 'payout'];
  const first: Tx[] = Array.from({ length: 300 }, (_, i) => ({
    id: 7000 + i,
    kind: kinds[Math.floor(r() * 3)]!,
    amountMinor: 1 + Math.floor(r() * 5000),
    currency: r() < 0.7 ? 'USD' : 'EUR',
    userId: FANS[Math.floor(r() * 30)]!,
    at: Math.floor(at() / 1000) * 1000,
  }));
  const moved = first
    .slice(0, 40)
    .map((t) => ({ ...t, amountMinor: t.amountMinor + 7, kind: kinds[(kinds.indexOf(t.kind) + 1) % 3]!, at: Math.floor(at() / 1000) * 1000 }));
  return { follows, first, moved, final: [...moved, ...first.slice(40)] };
}
export const FACTS = makeFacts();

/** A transaction as the ingest API takes it. */
export const txRow = (x: Tx, updated: string) => ({
  id: x.id,
  kind: x.kind,
  amount_minor: x.amountMinor,
  currency: x.currency,
  user_id: x.userId,
  advertiser_id: null,
  occurred_at: new Date(x.at).toISOString(),
  updated_at: updated,
});

// ---- the figures from raw rows -----------------------------------------------------------

/** A local hour or day as text with its UTC offset (an hour repeated at a DST fall-back differs). */
export function localKey(ms: number, tz: string, interval: Interval): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: tz,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  const day = `${parts.year}-${parts.month}-${parts.day}`;
  return interval === 'day' ? day : `${day} ${parts.hour} ${parts.timeZoneName}`;
}

export interface Window {
  name: string;
  from: string;
  to: string;
  tz: string;
  interval: Interval;
}
export const WINDOWS: Window[] = [
  // 2026-03-05 00:15 NPT: local hours start at :15 UTC, so every bucket is three quarter-hours of one UTC hour and one of the next.
  { name: 'Kathmandu from 00:15 local, hourly', from: '2026-03-04T18:30:00Z', to: '2026-03-06T18:30:00Z', tz: 'Asia/Kathmandu', interval: 'hour' },
  // 2026-03-05 00:45 NPT for three days and a half: the first and last local days are partial.
  { name: 'Kathmandu from 00:45 local, daily', from: '2026-03-04T19:00:00Z', to: '2026-03-08T07:00:00Z', tz: 'Asia/Kathmandu', interval: 'day' },
  {
    name: 'the 23-hour 2026-03-08 in Los Angeles, hourly',
    from: '2026-03-08T08:00:00Z',
    to: '2026-03-09T07:00:00Z',
    tz: 'America/Los_Angeles',
    interval: 'hour',
  },
  { name: 'Los Angeles days around the DST change', from: '2026-03-06T08:00:00Z', to: '2026-03-10T07:00:00Z', tz: 'America/Los_Angeles', interval: 'day' },
  { name: 'shorter than an hour (30 minutes)', from: '2026-03-06T10:15:00Z', to: '2026-03-06T10:45:00Z', tz: 'Asia/Kolkata', interval: 'hour' },
  { name: '30 days in Kathmandu', from: '2026-02-20T18:15:00Z', to: '2026-03-22T18:15:00Z', tz: 'Asia/Kathmandu', interval: 'day' },
];

export const inWindow = (w: Window) => (e: Ev) => e.ts >= Date.parse(w.from) && e.ts < Date.parse(w.to);
export const ratio = (a: number, b: number) => (b === 0 ? null : a / b);
export const completed = (e: Ev) => e.type === 'view' && DURATION.has(e.videoId) && e.watchMs >= DURATION.get(e.videoId)!;

export function expectedWatchTime(w: Window) {
  const by = new Map<string, Ev[]>();
  for (const e of EVENTS.filter(inWindow(w))) {
    const k = localKey(e.ts, w.tz, w.interval);
    by.set(k, [...(by.get(k) ?? []), e]);
  }
  return Object.fromEntries(
    [...by].map(([k, es]) => {
      const views = es.filter((e) => e.type === 'view');
      return [k, { views: views.length, watchMs: views.reduce((a, e) => a + e.watchMs, 0), completed: views.filter(completed).length }];
    }),
  );
}

/** Percentile as the panel defines it, from the raw values: the point where the cumulative count reaches q × n, each view spread evenly over its second. */
export function percentileFromRaw(values: number[], q: number): number | null {
  if (values.length === 0) return null;
  const perSecond = new Map<number, number>();
  for (const v of values) perSecond.set(Math.floor(v / 1000), (perSecond.get(Math.floor(v / 1000)) ?? 0) + 1);
  const target = q * values.length;
  let below = 0;
  for (const s of [...perSecond.keys()].sort((a, b) => a - b)) {
    const n = perSecond.get(s)!;
    if (below + n >= target) return Math.round(s * 1000 + (1000 * (target - below)) / n);
    below += n;
  }
  return null;
}

export async function json<T = any>(s: TestSession, path: string): Promise<T> {
  const res = await s.call('GET', path);
  assert.equal(res.status, 200, `${path}: ${await res.clone().text()}`);
  return (await res.json()) as T;
}
export const qs = (w: Window) => `from=${w.from}&to=${w.to}&tz=${encodeURIComponent(w.tz)}&interval=${w.interval}`;

/** A console with the fixture loaded and an analyst (UTC). */
export async function startPreaggregatesConsole(): Promise<{ c: TestConsole; analyst: TestSession }> {
  // The February–March 2026 fixture goes in with the console's clock at 2026-04-01: ingest refuses
  // events more than 400 days older than its clock, so on today's clock it would stop loading
  // from 2027-03-25 (docs/testing.md, the clock).
  let ingestClock: Date | undefined;
  const c = await startTestConsole(bootstrapAdminEnv, { now: () => ingestClock ?? new Date() });
  await c.ready;
  const admin = await login(c, ADMIN.email, ADMIN.password);
  const keyRes = await admin.call('POST', '/api/admin/api-keys', { name: 'preaggregates fixture', scopes: ['ingest'] });
  ingestClock = new Date('2026-04-01T00:00:00Z');
  const { key } = (await keyRes.json()) as { key: string };
  const ingest = async (stream: string, rows: Record<string, unknown>[]) => {
    const res = await c.get(`/api/v1/ingest/${stream}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
      body: rows.map((r) => JSON.stringify(r)).join('\n') + '\n',
    });
    const body = (await res.json()) as { accepted: number; rejected: number; orphans: number };
    assert.equal(res.status, 200, JSON.stringify(body));
    assert.equal(body.rejected, 0, JSON.stringify(body));
    return body;
  };
  const updated_at = '2026-01-01T00:00:00Z';
  await ingest(
    'users',
    USERS.map((id) => ({ id, username: `pre_${id}`, email: `${id}@pre.test`, role: 'creator', region: 'US', created_at: updated_at, updated_at })),
  );
  await ingest(
    'users',
    FANS.map((id) => ({ id, username: `fan_${id}`, email: `${id}@pre.test`, role: 'viewer', region: 'NP', created_at: updated_at, updated_at })),
  );
  await ingest(
    'follows',
    FACTS.follows.map((f) => ({ follower_id: f.follower, followee_id: f.followee, created_at: new Date(f.at).toISOString() })),
  );
  await ingest(
    'transactions',
    FACTS.first.map((x) => txRow(x, updated_at)),
  );
  await ingest(
    'transactions',
    FACTS.moved.map((x) => txRow(x, '2026-02-01T00:00:00Z')),
  );
  await ingest(
    'videos',
    VIDEOS.map((v) => ({
      id: v.id,
      creator_id: v.creatorId,
      title: `Video ${v.id}`,
      duration_ms: v.durationMs,
      region: 'US',
      created_at: updated_at,
      updated_at,
    })),
  );
  const creatorOf = (id: number) => VIDEOS.find((v) => v.id === id)?.creatorId ?? 823;
  // Two batches, as a feeder sends them.
  const rows = EVENTS.map((e) => ({
    event_id: randomUUID(),
    ts: new Date(e.ts).toISOString(),
    type: e.type,
    video_id: e.videoId,
    creator_id: creatorOf(e.videoId),
    user_id: e.userId,
    watch_ms: e.watchMs,
    region: e.region,
    device: e.device,
  }));
  const half = Math.floor(rows.length / 2);
  const a = await ingest('video-events', rows.slice(0, half));
  const b = await ingest('video-events', rows.slice(half));
  assert.equal(a.orphans + b.orphans, EVENTS.filter((e) => e.videoId === ORPHAN_VIDEO).length);
  ingestClock = undefined;
  const res = await admin.call('POST', '/api/admin/accounts', { email: 'analyst@pre.test', password: 'pre-password-long', role: 'analyst', timezone: 'UTC' });
  assert.equal(res.status, 201, await res.text());
  const analyst = await login(c, 'analyst@pre.test', 'pre-password-long');
  return { c, analyst };
}
