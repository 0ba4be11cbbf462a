// MODERATION_SLA_HOURS: a case's SLA due time is its first report plus the shortest SLA of its
// reasons, as configured (README#moderation: due time per reason severity); and the priority grows with
// the video's views of the last 24 h (the reach part). Reports arrive by ingest.
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestConsole, type TestConsole } from '../support/console.js';
import { ADMIN, bootstrapAdminEnv, login } from '../support/auth.js';

const iso = (ms: number) => new Date(ms).toISOString();
const lines = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
const BASE = 8_000_000 + Math.floor(Math.random() * 1_000_000) * 10;

describe(`configured moderation SLA on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  let c: TestConsole;
  let key: string;
  const post = async (stream: string, rows: unknown[]) => {
    const res = await c.get(`/api/v1/ingest/${stream}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
      body: lines(rows),
    });
    const body = await res.json();
    assert.equal(res.status, 200, JSON.stringify(body));
    assert.equal(body.rejected, 0, JSON.stringify(body.errors));
  };

  before(async () => {
    // spam 2 h, hate 6.5 h, every other reason 48 h.
    c = await startTestConsole({ ...bootstrapAdminEnv, MODERATION_SLA_HOURS: 'spam=2, hate=6.5, *=48' });
    await c.ready;
    const admin = await login(c, ADMIN.email, ADMIN.password);
    ({ key } = await (await admin.call('POST', '/api/admin/api-keys', { name: 'sla', scopes: ['ingest'] })).json());
  });
  after(async () => c?.stop());

  test('the due time follows the configured hours of the case’s reasons', async () => {
    const t0 = Date.now() - 3600_000;
    await post('users', [
      { id: BASE, username: `sla${BASE}`, email: `sla${BASE}@example.com`, display_name: 'Creator', role: 'creator', region: 'IN', updated_at: iso(t0) },
    ]);
    await post(
      'videos',
      [1, 2, 3].map((i) => ({ id: BASE + i, creator_id: BASE, title: `Video ${i}`, duration_ms: 5000, region: 'IN', updated_at: iso(t0) })),
    );
    await post('reports', [
      // Video 1: copyright only → 48 h from its first report.
      { id: BASE + 11, video_id: BASE + 1, source: 'automated', reporter_id: null, reason: 'copyright', created_at: iso(t0) },
      // Video 2: copyright, then hate 10 min later → the shorter 6.5 h, from the first report.
      { id: BASE + 21, video_id: BASE + 2, source: 'automated', reporter_id: null, reason: 'copyright', created_at: iso(t0) },
      { id: BASE + 22, video_id: BASE + 2, source: 'automated', reporter_id: null, reason: 'hate', created_at: iso(t0 + 600_000) },
      // Video 3: hate and spam → spam's 2 h.
      { id: BASE + 31, video_id: BASE + 3, source: 'automated', reporter_id: null, reason: 'hate', created_at: iso(t0) },
      { id: BASE + 32, video_id: BASE + 3, source: 'automated', reporter_id: null, reason: 'spam', created_at: iso(t0 + 60_000) },
    ]);
    const rows = (
      await c.stores.pg.handle.pool.query('SELECT video_id::int, sla_due_at FROM moderation_cases WHERE video_id = ANY($1) ORDER BY video_id', [
        [BASE + 1, BASE + 2, BASE + 3],
      ])
    ).rows;
    assert.deepEqual(rows, [
      { video_id: BASE + 1, sla_due_at: new Date(t0 + 48 * 3600_000) },
      { video_id: BASE + 2, sla_due_at: new Date(t0 + 6.5 * 3600_000) },
      { video_id: BASE + 3, sla_due_at: new Date(t0 + 2 * 3600_000) },
    ]);
  });
});

describe(`the reach part of a case's priority on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  let c: TestConsole;
  let key: string;
  const post = async (stream: string, rows: unknown[]) => {
    const res = await c.get(`/api/v1/ingest/${stream}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
      body: lines(rows),
    });
    const body = await res.json();
    assert.equal(res.status, 200, JSON.stringify(body));
    assert.equal(body.rejected, 0, JSON.stringify(body.errors));
  };

  before(async () => {
    c = await startTestConsole(bootstrapAdminEnv);
    await c.ready;
    const admin = await login(c, ADMIN.email, ADMIN.password);
    ({ key } = await (await admin.call('POST', '/api/admin/api-keys', { name: 'reach', scopes: ['ingest'] })).json());
  });
  after(async () => c?.stop());

  test('a video with 99 views in the last 24 h gets reach 5·ln(100); views older than 24 h do not count', async () => {
    const now = Date.now();
    const V = BASE + 7,
      U = BASE + 6;
    await post('users', [
      {
        id: U,
        username: `reach${U}`,
        email: `reach${U}@example.com`,
        display_name: 'Creator',
        role: 'creator',
        region: 'IN',
        updated_at: iso(now - 3 * 86_400_000),
      },
    ]);
    await post('videos', [{ id: V, creator_id: U, title: 'Viral', duration_ms: 5000, region: 'IN', updated_at: iso(now - 3 * 86_400_000) }]);
    const view = (ts: number) => ({
      event_id: randomUUID(),
      ts: iso(ts),
      type: 'view',
      video_id: V,
      creator_id: U,
      user_id: U,
      watch_ms: 1000,
      region: 'IN',
      device: 'ios',
    });
    // 99 views over the last 20 hours, and 50 two days ago (outside the window).
    await post('video-events', [
      ...Array.from({ length: 99 }, (_, i) => view(now - 3600_000 - i * 600_000)),
      ...Array.from({ length: 50 }, () => view(now - 2 * 86_400_000)),
    ]);
    const reportAt = now - 30 * 60_000;
    await post('reports', [{ id: BASE + 70, video_id: V, source: 'automated', reporter_id: null, reason: 'spam', created_at: iso(reportAt) }]);
    const [cs] = (await c.stores.pg.handle.pool.query('SELECT priority, priority_parts FROM moderation_cases WHERE video_id = $1', [V])).rows;
    const reach = 5 * Math.log(100);
    const reporters = 15 * Math.log(1); // no distinct reporter (an automated report)
    const recency = 10 * Math.exp(-(Date.now() - reportAt) / 86_400_000);
    assert.equal(cs.priority_parts.reach, Math.round(reach * 100) / 100);
    assert.equal(cs.priority_parts.severity, 5);
    assert.ok(Math.abs(cs.priority - (reporters + 5 + recency + reach)) < 0.011, `priority ${cs.priority}`);
  });
});
