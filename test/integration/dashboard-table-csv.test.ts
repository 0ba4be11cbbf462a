// Dashboard table CSVs (engine-written for the one-statement tables) (docs/exports.md#dashboard-tables), over real HTTP on
// the real stores. The rollups are filled straight (engagement_15m, route_stats_15m) with cells that
// need every rule of the CSV writer: formula starts (= + - @ tab), quotes, a comma, a line break,
// zero views (empty ratio cells), ratios that round at the 6th decimal.
// - Byte for byte: each engine-written table equals what the JavaScript writer answered before
//   (test/golden/dashboard-tables/, captured from it on this fixture).
// - By hand: the rows below are worked out from the fixture, cell by cell.
// - The same rules hold for the tables that stay in JavaScript (PostgreSQL ones), and the scoping
//   (roles) is unchanged.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startTestConsole, type TestConsole } from '../support/console.js';
import { ADMIN, bootstrapAdminEnv, login, type TestSession } from '../support/auth.js';

const GOLDEN = path.resolve('test/golden/dashboard-tables');
const WINDOW = 'from=2026-03-08T00:00:00Z&to=2026-03-10T00:00:00Z';
const KOLKATA = `${WINDOW}&tz=Asia/Kolkata`;

/** The downloads compared with the golden files: name → query. */
const DOWNLOADS: Record<string, string> = {
  'engagement-day': `/api/metrics/export/engagement?${KOLKATA}&interval=day`,
  'engagement-hour': `/api/metrics/export/engagement?${KOLKATA}&interval=hour`,
  'watch-time-day': `/api/metrics/export/watch-time?${KOLKATA}&interval=day`,
  'breakdown-device': `/api/metrics/export/engagement-breakdown?${KOLKATA}&by=device`,
  'breakdown-region': `/api/metrics/export/engagement-breakdown?${KOLKATA}&by=region`,
  latency: `/api/metrics/export/latency?${KOLKATA}`,
  'latency-empty': `/api/metrics/export/latency?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z&tz=UTC`,
};

// bucket (UTC), region, device, views, watch_ms, likes, comments, shares, completed
const ENGAGEMENT: [string, string, string, number, number, number, number, number, number][] = [
  ['2026-03-08 00:00:00', 'US', 'ios', 3, 10000, 1, 0, 0, 1],
  ['2026-03-08 00:15:00', 'IN', '=HYPERLINK("x")', 7, 7001, 2, 1, 1, 3],
  ['2026-03-08 18:30:00', 'NP', 'tv, "smart"', 0, 0, 1, 0, 0, 0],
  ['2026-03-09 05:00:00', 'DE', '+plus', 2, 3, 0, 0, 1, 2],
  ['2026-03-09 05:15:00', '-x', '@at', 9, 1, 1, 0, 0, 0],
  ['2026-03-09 06:00:00', 'BR', 'web', 128, 1, 1, 0, 0, 0], // 1/128 = 0.0078125: a tie at the 7th decimal, rounded up
  ['2026-03-09 23:45:00', '\tTAB', 'line\nbreak', 1, 5, 0, 0, 0, 1],
  ['2026-03-10 00:00:00', 'US', 'ios', 50, 50, 50, 0, 0, 0], // at the window's end: outside
];
// route, method, durations (ms), of which errors (status 500) are the first n
const ROUTES: [string, string, number[], number][] = [
  ['/videos/:id', 'GET', Array.from({ length: 100 }, (_, i) => i + 1), 2],
  ['=/evil', 'POST', [10, 20, 30], 1],
  ['/a,"b"', 'GET', [7], 0],
];

let c: TestConsole;
let admin: TestSession;

async function download(url: string): Promise<{ status: number; type: string | null; etag: string | null; body: Buffer }> {
  const res = await admin.call('GET', url);
  return { status: res.status, type: res.headers.get('content-type'), etag: res.headers.get('etag'), body: Buffer.from(await res.arrayBuffer()) };
}
const lines = (b: Buffer) => b.toString('utf8').split('\r\n');

describe(`dashboard table CSVs written by the engine (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'} + chDB)`, () => {
  before(async () => {
    c = await startTestConsole(bootstrapAdminEnv);
    await c.ready;
    admin = await login(c, ADMIN.email, ADMIN.password);
    const client = c.stores.ch.handle.client;
    await client.insert({
      table: 'engagement_15m',
      format: 'JSONEachRow',
      values: ENGAGEMENT.map(([bucket, region, device, views, watch_ms, likes, comments, shares, completed]) => ({
        bucket,
        region,
        device,
        views,
        watch_ms,
        likes,
        comments,
        shares,
        follows: 0,
        completed,
      })),
    });
    for (const [route, method, durations, errors] of ROUTES) {
      await client.command({
        query: `INSERT INTO route_stats_15m SELECT toDateTime('2026-03-08 01:00:00', 'UTC'), 'api', {route:String}, {method:String},
                  count(), countIf(i < {errors:UInt32}), sum(d), quantilesDDState(0.01, 0.5, 0.95, 0.99)(d)
                FROM (SELECT arrayJoin(arrayEnumerate({d:Array(Float64)})) - 1 AS i, {d:Array(Float64)}[i + 1] AS d)`,
        query_params: { route, method, errors, d: durations },
      });
    }
  });
  after(async () => c?.stop());

  test('each engine-written table is byte for byte what the JavaScript writer answered', async () => {
    for (const [name, url] of Object.entries(DOWNLOADS)) {
      const got = await download(url);
      assert.equal(got.status, 200, `${name}: ${got.body.toString()}`);
      assert.equal(got.type, 'text/csv; charset=utf-8', name);
      // Streamed from the engine: the JavaScript writer's res.send set an ETag, a stream has none.
      assert.equal(got.etag, null, name);
      const file = path.join(GOLDEN, `${name}.csv`);
      assert.equal(got.body.toString('utf8'), fs.readFileSync(file, 'utf8'), name);
    }
  });

  test('engagement and watch time per local day in Asia/Kolkata, worked out by hand', async () => {
    // Kolkata is UTC+05:30: 03-08 00:00Z and 00:15Z are on 03-08 (from 03-07T18:30Z); 03-08 18:30Z,
    // 03-09 05:00Z, 05:15Z and 06:00Z on 03-09; 03-09 23:45Z on 03-10. Engagement rate (likes +
    // comments + shares) / views: 5/10, 4/139 = 0.0287769… → 0.028777, 0/1.
    assert.deepEqual(lines((await download(DOWNLOADS['engagement-day']!)).body), [
      '# Engagement over time',
      '# window [2026-03-08T00:00:00.000Z, 2026-03-10T00:00:00.000Z)',
      '# timezone Asia/Kolkata',
      'Bucket start (UTC),Views,Likes,Comments,Shares,Engagement rate',
      '2026-03-07T18:30:00Z,10,3,1,1,0.5',
      '2026-03-08T18:30:00Z,139,3,0,1,0.028777',
      '2026-03-09T18:30:00Z,1,0,0,0,0',
      '',
    ]);
    // The local hour of 03-08 18:30Z holds the row with no views: its rate is an empty cell.
    assert.ok(lines((await download(DOWNLOADS['engagement-hour']!)).body).includes('2026-03-08T18:30:00Z,0,1,0,0,'));
    // Average watch 17001/10, 5/139 = 0.0359712… → 0.035971, 5/1; completion 4/10, 2/139 = 0.0143884… → 0.014388, 1/1.
    assert.deepEqual(lines((await download(DOWNLOADS['watch-time-day']!)).body).slice(3), [
      'Bucket start (UTC),Views,Average watch time,Completion rate',
      '2026-03-07T18:30:00Z,10,1700.1,0.4',
      '2026-03-08T18:30:00Z,139,0.035971,0.014388',
      '2026-03-09T18:30:00Z,1,5,1',
      '',
    ]);
  });

  test('segments: formula starts neutralised, quotes and line breaks quoted, most views first', async () => {
    assert.deepEqual(lines((await download(DOWNLOADS['breakdown-device']!)).body).slice(3), [
      'Segment,Views,Likes,Comments,Shares,Engagement rate,Average watch time',
      'web,128,1,0,0,0.007813,0.007813', // 1/128 = 0.0078125 rounds half up
      "'@at,9,1,0,0,0.111111,0.111111", // 1/9
      `"'=HYPERLINK(""x"")",7,2,1,1,0.571429,1000.142857`, // 4/7, 7001/7
      'ios,3,1,0,0,0.333333,3333.333333',
      "'+plus,2,0,0,1,0.5,1.5",
      '"line\nbreak",1,0,0,0,0,5',
      '"tv, ""smart""",0,1,0,0,,',
      '',
    ]);
    assert.deepEqual(lines((await download(DOWNLOADS['breakdown-region']!)).body).slice(4), [
      'BR,128,1,0,0,0.007813,0.007813',
      "'-x,9,1,0,0,0.111111,0.111111",
      'IN,7,2,1,1,0.571429,1000.142857',
      'US,3,1,0,0,0.333333,3333.333333',
      'DE,2,0,0,1,0.5,1.5',
      "'\tTAB,1,0,0,0,0,5",
      'NP,0,1,0,0,,',
      '',
    ]);
  });

  test('latency per route: requests, error rate and percentiles within the sketch’s 1 %', async () => {
    const got = lines((await download(DOWNLOADS.latency!)).body);
    assert.equal(got[3], 'Route,Method,Requests,Latency p50,Latency p95,Latency p99,Error rate');
    const rows = got.slice(4, -1).map((l) => l.split(','));
    // '/a,"b"' is quoted (a comma, quotes) and '=/evil' neutralised; error rates 2/100, 1/3, 0/1.
    assert.deepEqual(
      rows.map((r) => [r.slice(0, r.length - 5).join(','), r.at(-5), r.at(-1)]),
      [
        ['/videos/:id', 'GET', '100', '0.02'],
        ["'=/evil", 'POST', '3', '0.333333'],
        ['"/a,""b"""', 'GET', '1', '0'],
      ].map(([route, method, n, e]) => [`${route},${method}`, n, e]),
    );
    // The sketch answers the value of 0-based rank ⌊q·(n − 1)⌋: of 1..100 ranks 49, 94, 98 (50, 95,
    // 99); of 10, 20, 30 rank 1 each time (20); of 7: 7.
    const expected = [
      [50, 95, 99],
      [20, 20, 20],
      [7, 7, 7],
    ];
    rows.forEach((r, i) =>
      r.slice(-4, -1).forEach((p, j) => {
        assert.match(p, /^\d+(\.\d{1,3})?$/, 'rounded to 3 decimals');
        assert.ok(Math.abs(Number(p) - expected[i]![j]!) <= 0.01 * expected[i]![j]!, `${r[0]} p${j}: ${p}`);
      }),
    );
    // A window without rows: the preamble and header only.
    assert.deepEqual(lines((await download(DOWNLOADS['latency-empty']!)).body).slice(3), [
      'Route,Method,Requests,Latency p50,Latency p95,Latency p99,Error rate',
      '',
    ]);
  });

  test('scoping and input as before: a moderator is refused the platform tables, a bad window is a 400 naming the field', async () => {
    const res = await admin.call('POST', '/api/admin/accounts', { email: 'mod@tables.test', password: 'tables-test-password', role: 'moderator' });
    assert.equal(res.status, 201, await res.clone().text());
    const moderator = await login(c, 'mod@tables.test', 'tables-test-password');
    assert.equal((await moderator.call('GET', DOWNLOADS.latency!)).status, 403);
    const bad = await admin.call('GET', '/api/metrics/export/engagement?from=2026-03-10T00:00:00Z&to=2026-03-08T00:00:00Z');
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as { error: { details?: { field?: string } } }).error.details?.field, 'from');
  });
});
