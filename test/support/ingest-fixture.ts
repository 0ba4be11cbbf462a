// The console of the ingest API tests (test/integration/ingest-entities, -events, -retries,
// -reports and -http): a real console with an ingest key, request helpers, and the entities the
// event and report tests refer to. Each file starts its own console (a fresh database) and, but for
// ingest-entities.test.ts, which sends these entities itself and checks every stored value, seeds
// them in its `before` with seedEntities: the lines ingest-entities.test.ts's test has accepted,
// with the same values.
import assert from 'node:assert/strict';
import { startTestConsole, type TestConsole } from './console.js';
import { ADMIN, bootstrapAdminEnv, login, type TestSession } from './auth.js';

export const NDJSON = 'application/x-ndjson';
export const iso = (ms: number) => new Date(ms).toISOString();
export const lines = (rows: unknown[]) => `${rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n')}\n`;

/** The answer's JSON, after checking that it is a 200. */
export async function ok(res: Response) {
  const text = await res.text();
  assert.equal(res.status, 200, text);
  return JSON.parse(text);
}

/**
 * Entities the event tests refer to: creators U1 = BASE+1, U3 = BASE+3, a viewer U2 = BASE+2;
 * video V1 = BASE+1 of creator U1; advertiser A1 = BASE+1 with campaign C1 = BASE+1. BASE is a
 * distinct id range per test run, so that reruns on one database never collide.
 */
export function ingestIds() {
  const BASE = 7_000_000 + Math.floor(Math.random() * 1_000_000) * 100;
  const T0 = Date.now() - 3 * 3600_000;
  const user = (id: number, over: Record<string, unknown> = {}) => ({
    id,
    username: `u${id}`,
    email: `u${id}@example.com`,
    display_name: `User ${id}`,
    role: 'creator',
    region: 'IN',
    updated_at: iso(T0),
    ...over,
  });
  // Video V1 (BASE + 1) of creator U1, as the entity test sends it and the others seed it.
  const video1 = {
    id: BASE + 1,
    creator_id: BASE + 1,
    title: 'Street food in Delhi',
    description: 'Part 1',
    tags: ['food', 'travel'],
    duration_ms: 45_000,
    region: 'IN',
    video_url: '/v/1.mp4',
    thumbnail_url: '/t/1.jpg',
    updated_at: iso(T0),
  };
  return { BASE, T0, U1: BASE + 1, U2: BASE + 2, U3: BASE + 3, V1: BASE + 1, A1: BASE + 1, C1: BASE + 1, user, video1 };
}
export type IngestIds = ReturnType<typeof ingestIds>;

/** A console started by start() (in a `before`); `c`, `admin`, `key` and `keyId` are set from then on. */
export function ingestConsole(env: Record<string, string> = {}) {
  const s = {} as { c: TestConsole; admin: TestSession; key: string; keyId: number };
  return {
    get c() {
      return s.c;
    },
    get admin() {
      return s.admin;
    },
    get keyId() {
      return s.keyId;
    },
    post: (stream: string, body: string | Uint8Array, headers: Record<string, string> = {}) =>
      s.c.get(`/api/v1/ingest/${stream}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${s.key}`, 'content-type': NDJSON, ...headers },
        body: body as BodyInit,
      }),
    pg: async (sql: string, params: unknown[] = []) => (await s.c.stores.pg.handle.pool.query(sql, params)).rows,
    async ch(sql: string, params: Record<string, unknown> = {}) {
      const rs = await s.c.stores.ch.handle.client.query({ query: sql, query_params: params, format: 'JSONEachRow' });
      return (await rs.json()) as Record<string, unknown>[];
    },
    async start() {
      s.c = await startTestConsole({ ...bootstrapAdminEnv, ...env });
      await s.c.ready;
      s.admin = await login(s.c, ADMIN.email, ADMIN.password);
      const res = await s.admin.call('POST', '/api/admin/api-keys', { name: 'ingest test', scopes: ['ingest'] });
      assert.equal(res.status, 201);
      ({ key: s.key, id: s.keyId } = await res.json());
    },
    stop: async () => s.c?.stop(),
  };
}
export type IngestConsole = ReturnType<typeof ingestConsole>;

/** Stores the entities of ingestIds(), each line accepted, as ingest-entities.test.ts sends them. */
export async function seedEntities(ing: IngestConsole, ids: IngestIds): Promise<void> {
  const { BASE, T0, U1, U2, U3, A1, C1, user, video1 } = ids;
  const send = async (stream: string, rows: unknown[]) => {
    const r = await ok(await ing.post(stream, lines(rows)));
    assert.deepEqual([r.accepted, r.rejected, r.errors], [rows.length, 0, []], `seeding ${stream}`);
  };
  await send('users', [user(U1), user(U2, { role: 'viewer', status: 'banned' }), user(U3, { created_at: iso(T0 - 86400_000) })]);
  await send('videos', [video1]);
  await send('advertisers', [{ id: A1, name: 'Saffron Foods', timezone: 'Asia/Kolkata', currency: 'INR', updated_at: iso(T0) }]);
  await send('campaigns', [
    {
      id: C1,
      advertiser_id: A1,
      name: 'Diwali push',
      objective: 'video_views',
      status: 'active',
      budget_micros: 5_000_000_000,
      bid_micros: 1_500_000,
      start_date: '2026-10-01',
      end_date: '2026-11-30',
      updated_at: iso(T0),
    },
  ]);
  await send('follows', [{ follower_id: U3, followee_id: U1, created_at: iso(T0) }]);
  await send('transactions', [
    { id: BASE + 1, kind: 'gift', amount_minor: 4999, currency: 'INR', user_id: U3, occurred_at: iso(T0), updated_at: iso(T0) },
    { id: BASE + 2, kind: 'ad_payment', amount_minor: 1_000_000, currency: 'INR', advertiser_id: A1, occurred_at: iso(T0), updated_at: iso(T0) },
  ]);
}
