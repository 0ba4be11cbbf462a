// The dashboards fixture (test/fixtures/dashboards.ts) and the console it is loaded into, shared by
// test/integration/dashboards.test.ts (local days, panels) and dashboards-overview.test.ts (overview, CSV,
// moderation KPIs, roles, data quality). The fixture goes in through the ingest API, as the platform feeds the console.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startTestConsole, type TestConsole } from './console.js';
import { ADMIN, bootstrapAdminEnv, login, type TestSession } from './auth.js';
import { CREATORS, FOLLOWS, TRANSACTIONS, VIDEOS, VIDEO_EVENTS, knownLatencyRows } from '../fixtures/dashboards.js';

// The latency fixture's hour: two days ago, on the hour (raw request metrics have a 90-day TTL).
export const HOUR = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - 48 * 3_600_000);
export const HOUR_END = new Date(HOUR.getTime() + 3_600_000);
export const HOUR_Q = `from=${HOUR.toISOString()}&to=${HOUR_END.toISOString()}`;
// The console's clock while the March–May 2026 fixture goes in: ingest refuses events more than 400
// days older than its clock, so the fixture is loaded at a clock just after it (not today's date).
const FIXTURE_CLOCK = new Date('2026-06-01T00:00:00Z');
let ingestClock: Date | undefined;
/** The test clock runs this far ahead of the real one (a test moves it past the 10 s result cache). */
let clockShiftMs = 0;
const hourTs = (minute: number) => `${HOUR.toISOString().slice(0, 13)}:${String(minute).padStart(2, '0')}:00.000Z`;

/**
 * Loads the fixture as the platform would: NDJSON batches through the ingest API
 * (POST /api/v1/ingest/<stream>) with an API key of scope ingest made by the admin API.
 */
async function loadFixture(t: TestConsole, admin: TestSession): Promise<void> {
  const keyRes = await admin.call('POST', '/api/admin/api-keys', { name: 'dashboards fixture', scopes: ['ingest'] });
  assert.equal(keyRes.status, 201, await keyRes.clone().text());
  const { key } = (await keyRes.json()) as { key: string };
  const updated_at = '2026-01-01T00:00:00Z';
  const ingest = async (stream: string, rows: Record<string, unknown>[]) => {
    const res = await t.get(`/api/v1/ingest/${stream}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
      body: rows.map((r) => JSON.stringify(r)).join('\n') + '\n',
    });
    const body = (await res.json()) as { accepted: number; rejected: number; errors: unknown[] };
    assert.equal(res.status, 200, `${stream}: ${JSON.stringify(body)}`);
    assert.deepEqual([body.accepted, body.rejected, body.errors], [rows.length, 0, []], `${stream}: ${JSON.stringify(body)}`);
  };
  ingestClock = FIXTURE_CLOCK;
  await ingest(
    'users',
    CREATORS.map((u) => ({ id: u.id, username: u.username, email: u.email, role: u.role, region: u.region, created_at: updated_at, updated_at })),
  );
  await ingest('advertisers', [{ id: 71, name: 'Advertiser 71', timezone: 'UTC', currency: 'USD', updated_at }]);
  await ingest(
    'videos',
    VIDEOS.map((v) => ({ id: v.id, creator_id: v.creatorId, title: v.title, duration_ms: v.durationMs, region: 'US', created_at: updated_at, updated_at })),
  );
  await ingest(
    'follows',
    FOLLOWS.map((f) => ({ follower_id: f.follower, followee_id: f.followee, created_at: f.at })),
  );
  await ingest(
    'transactions',
    TRANSACTIONS.map((x) => ({
      id: x.id,
      kind: x.kind,
      amount_minor: x.amountMinor,
      currency: 'USD',
      user_id: x.userId,
      advertiser_id: x.advertiserId,
      occurred_at: x.at,
      updated_at,
    })),
  );
  const creatorOf = new Map(VIDEOS.map((v) => [v.id, v.creatorId]));
  await ingest(
    'video-events',
    VIDEO_EVENTS.map((e, i) => ({
      event_id: randomUUID(),
      ts: e.ts,
      type: e.type,
      video_id: e.videoId,
      creator_id: creatorOf.get(e.videoId),
      user_id: 811 + (i % 3),
      watch_ms: e.watchMs ?? 0,
      region: e.region ?? 'US',
      device: e.device ?? 'ios',
    })),
  );
  // Two ad events of a campaign PostgreSQL does not know (orphans for data quality).
  await ingest(
    'ad-events',
    [1, 2].map((i) => ({
      event_id: randomUUID(),
      ts: `2026-03-08T12:0${i}:00.000Z`,
      type: 'impression',
      advertiser_id: 71,
      campaign_id: 5555,
      user_id: 811,
      cost_micros: 1000,
      region: 'US',
      device: 'ios',
    })),
  );
  // The latency hour is two days before the real clock (request_metrics' 90-day TTL runs on it).
  ingestClock = undefined;
  await ingest('request-metrics', [
    ...knownLatencyRows(HOUR),
    { ts: hourTs(5), service: 'api', route: '/other', method: 'POST', status: 201, duration_ms: 7, instance: 'fixture' },
  ]);
}

export const q = (s: TestSession, path: string) => s.call('GET', path);
export async function json<T = any>(s: TestSession, path: string): Promise<T> {
  const res = await q(s, path);
  assert.equal(res.status, 200, `${path}: ${await res.clone().text()}`);
  return (await res.json()) as T;
}

/** The LA window around the 2026-03-08 spring-forward day. */
export const LA = 'from=2026-03-07T08:00:00Z&to=2026-03-10T07:00:00Z';

export interface DashboardsConsole {
  c: TestConsole;
  analyst: TestSession;
  moderator: TestSession;
  /** Moves the test clock ahead (past the 10 s result cache). */
  shiftClock(ms: number): void;
}

/** A console with the fixture loaded, an analyst and a moderator in America/Los_Angeles. */
export async function startDashboardsConsole(): Promise<DashboardsConsole> {
  const c = await startTestConsole(bootstrapAdminEnv, { now: () => ingestClock ?? new Date(Date.now() + clockShiftMs) });
  await c.ready;
  const admin = await login(c, ADMIN.email, ADMIN.password);
  await loadFixture(c, admin);
  for (const role of ['analyst', 'moderator']) {
    const res = await admin.call('POST', '/api/admin/accounts', {
      email: `${role}@dash.test`,
      password: 'dash-password-long',
      role,
      timezone: 'America/Los_Angeles',
    });
    assert.equal(res.status, 201, await res.text());
  }
  const analyst = await login(c, 'analyst@dash.test', 'dash-password-long');
  const moderator = await login(c, 'moderator@dash.test', 'dash-password-long');
  return { c, analyst, moderator, shiftClock: (ms) => (clockShiftMs += ms) };
}
