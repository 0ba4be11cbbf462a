// The ingest API's entity streams (issue 4, README#ingest-api) over real HTTP on real stores: users,
// videos, advertisers, campaigns, follows and transactions, with exact accepted counts, rejected line
// numbers and reasons, parent checks, and every valid row read back with its values. Expectations
// are written out by hand. test/support/ingest-fixture.ts seeds the same entities for the other
// ingest-*.test.ts files.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ingestConsole, ingestIds, iso, lines, ok } from '../support/ingest-fixture.js';

describe(`ingest: entity streams on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  const ing = ingestConsole();
  const { post, pg } = ing;
  const ids = ingestIds();
  const { BASE, T0, U1, U2, U3, V1, A1, C1, user, video1 } = ids;

  before(() => ing.start());
  after(() => ing.stop());

  test('entity streams: users, videos, advertisers, campaigns, follows, transactions are stored with their values', async () => {
    const u = await ok(await post('users', lines([user(U1), user(U2, { role: 'viewer', status: 'banned' }), user(U3, { created_at: iso(T0 - 86400_000) })])));
    assert.deepEqual(u, { stream: 'users', accepted: 3, rejected: 0, errors: [], orphans: 0, unchanged: 0, duplicates: 0 });
    const rows = await pg(
      'SELECT id::int, username, email, display_name, role, region, status, created_at, updated_at FROM users WHERE id = ANY($1) ORDER BY id',
      [[U1, U2, U3]],
    );
    assert.deepEqual(rows, [
      {
        id: U1,
        username: `u${U1}`,
        email: `u${U1}@example.com`,
        display_name: `User ${U1}`,
        role: 'creator',
        region: 'IN',
        status: 'active',
        created_at: new Date(T0),
        updated_at: new Date(T0),
      },
      {
        id: U2,
        username: `u${U2}`,
        email: `u${U2}@example.com`,
        display_name: `User ${U2}`,
        role: 'viewer',
        region: 'IN',
        status: 'banned',
        created_at: new Date(T0),
        updated_at: new Date(T0),
      },
      {
        id: U3,
        username: `u${U3}`,
        email: `u${U3}@example.com`,
        display_name: `User ${U3}`,
        role: 'creator',
        region: 'IN',
        status: 'active',
        created_at: new Date(T0 - 86400_000),
        updated_at: new Date(T0),
      },
    ]);

    const v = await ok(
      await post('videos', lines([video1, { id: BASE + 2, creator_id: BASE + 99, title: 'Orphan', duration_ms: 1000, region: 'IN', updated_at: iso(T0) }])),
    );
    assert.equal(v.accepted, 1);
    assert.deepEqual(v.errors, [
      { line: 2, reason: 'unknown_reference', field: 'creator_id', error: `creator_id ${BASE + 99} is not a known user: send the user first (stream users)` },
    ]);
    assert.deepEqual(
      await pg(
        'SELECT id::int, creator_id::int, title, description, tags, duration_ms, region, visibility, video_url, thumbnail_url FROM videos WHERE id = ANY($1)',
        [[V1, BASE + 2]],
      ),
      [
        {
          id: V1,
          creator_id: U1,
          title: 'Street food in Delhi',
          description: 'Part 1',
          tags: ['food', 'travel'],
          duration_ms: 45_000,
          region: 'IN',
          visibility: 'public',
          video_url: '/v/1.mp4',
          thumbnail_url: '/t/1.jpg',
        },
      ],
    );

    const a = await ok(
      await post(
        'advertisers',
        lines([
          { id: A1, name: 'Saffron Foods', timezone: 'Asia/Kolkata', currency: 'INR', updated_at: iso(T0) },
          { id: A1 + 1, name: 'Bad zone', timezone: '+05:30', currency: 'INR', updated_at: iso(T0) },
          { id: A1 + 2, name: 'Bad money', timezone: 'UTC', currency: 'RUPEES', updated_at: iso(T0) },
        ]),
      ),
    );
    assert.equal(a.accepted, 1);
    assert.deepEqual(
      a.errors.map((e: { line: number; reason: string; field: string }) => [e.line, e.reason, e.field]),
      [
        [2, 'invalid_format', 'timezone'],
        [3, 'invalid_format', 'currency'],
      ],
    );
    assert.deepEqual(await pg('SELECT id::int, name, timezone, currency FROM advertisers WHERE id = ANY($1)', [[A1, A1 + 1, A1 + 2]]), [
      { id: A1, name: 'Saffron Foods', timezone: 'Asia/Kolkata', currency: 'INR' },
    ]);

    const cp = await ok(
      await post(
        'campaigns',
        lines([
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
          {
            id: C1 + 1,
            advertiser_id: A1 + 50,
            name: 'Nobody',
            objective: 'traffic',
            status: 'paused',
            budget_micros: 1,
            bid_micros: 1,
            start_date: '2026-10-01',
            updated_at: iso(T0),
          },
          {
            id: C1 + 2,
            advertiser_id: A1,
            name: 'Backwards',
            objective: 'traffic',
            status: 'paused',
            budget_micros: 1,
            bid_micros: 1,
            start_date: '2026-10-05',
            end_date: '2026-10-01',
            updated_at: iso(T0),
          },
        ]),
      ),
    );
    assert.equal(cp.accepted, 1);
    assert.deepEqual(
      cp.errors.map((e: { line: number; reason: string }) => [e.line, e.reason]),
      [
        [2, 'unknown_reference'],
        [3, 'out_of_range'],
      ],
    );
    assert.deepEqual(
      await pg(
        'SELECT id::int, advertiser_id::int, name, objective, status, budget_micros::text, bid_micros::int, start_date::text, end_date::text FROM campaigns WHERE id = ANY($1)',
        [[C1, C1 + 1, C1 + 2]],
      ),
      [
        {
          id: C1,
          advertiser_id: A1,
          name: 'Diwali push',
          objective: 'video_views',
          status: 'active',
          budget_micros: '5000000000',
          bid_micros: 1_500_000,
          start_date: '2026-10-01',
          end_date: '2026-11-30',
        },
      ],
    );

    const f = await ok(
      await post(
        'follows',
        lines([
          { follower_id: U3, followee_id: U1, created_at: iso(T0) },
          { follower_id: U3, followee_id: U3, created_at: iso(T0) },
          { follower_id: U3, followee_id: U1, created_at: iso(T0) },
          { follower_id: U2, followee_id: BASE + 98, created_at: iso(T0) },
        ]),
      ),
    );
    assert.deepEqual(
      [f.accepted, f.unchanged, f.errors.map((e: { line: number; reason: string }) => [e.line, e.reason])],
      [
        2,
        1,
        [
          [2, 'out_of_range'],
          [4, 'unknown_reference'],
        ],
      ],
    );
    assert.deepEqual(await pg('SELECT follower_id::int, followee_id::int FROM follows WHERE follower_id = ANY($1)', [[U2, U3]]), [
      { follower_id: U3, followee_id: U1 },
    ]);

    const t = await ok(
      await post(
        'transactions',
        lines([
          { id: BASE + 1, kind: 'gift', amount_minor: 4999, currency: 'INR', user_id: U3, occurred_at: iso(T0), updated_at: iso(T0) },
          { id: BASE + 2, kind: 'ad_payment', amount_minor: 1_000_000, currency: 'INR', advertiser_id: A1, occurred_at: iso(T0), updated_at: iso(T0) },
          { id: BASE + 3, kind: 'gift', amount_minor: -5, currency: 'INR', user_id: U3, occurred_at: iso(T0), updated_at: iso(T0) },
          { id: BASE + 4, kind: 'gift', amount_minor: 5, currency: 'INR', user_id: U3, advertiser_id: A1, occurred_at: iso(T0), updated_at: iso(T0) },
          { id: BASE + 5, kind: 'payout', amount_minor: 5, currency: 'USD', advertiser_id: A1 + 77, occurred_at: iso(T0), updated_at: iso(T0) },
        ]),
      ),
    );
    assert.deepEqual(
      [t.accepted, t.errors.map((e: { line: number; reason: string; error: string }) => [e.line, e.reason, e.error])],
      [
        2,
        [
          [3, 'out_of_range', 'amount_minor must be at least 0 (got -5)'],
          [4, 'missing_field', 'user_id exactly one of user_id and advertiser_id must be given'],
          [5, 'unknown_reference', `advertiser_id ${A1 + 77} is not a known advertiser: send the advertiser first (stream advertisers)`],
        ],
      ],
    );
    assert.deepEqual(
      await pg('SELECT id::int, kind, amount_minor::int, currency, user_id::int, advertiser_id::int FROM transactions WHERE id BETWEEN $1 AND $2 ORDER BY id', [
        BASE + 1,
        BASE + 5,
      ]),
      [
        { id: BASE + 1, kind: 'gift', amount_minor: 4999, currency: 'INR', user_id: U3, advertiser_id: null },
        { id: BASE + 2, kind: 'ad_payment', amount_minor: 1_000_000, currency: 'INR', user_id: null, advertiser_id: A1 },
      ],
    );
  });
});
