// The demo load sets the foreign keys, secondary indexes and the unique keys no foreign key uses
// of the tables it fills aside while rows go in, and puts them back before it commits (docs/scale.md#demo-load). After a load the
// schema is exactly what the migrations made: the names below are copied by hand from
// queries/migrations/postgres (001 platform, 005 ingest, 010 pre-aggregates, 012 moderation KPIs, 013 hourly follows, 030 search), and the
// keys check rows again.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { chQuery, openStores, type Stores } from '../../server/db/index.js';
import { migrate } from '../../server/db/migrate.js';
import { loadDemoData } from '../../server/features/demo/demo.service.js';
import { createTestDatabase } from '../support/console.js';

const TABLES = ['advertisers', 'campaigns', 'users', 'videos', 'follows', 'transactions', 'content_reports', 'moderation_cases', 'ingest_rejections'];
/** The pre-aggregates the triggers keep during the load: their secondary indexes are set aside too (not their primary keys). */
const ROLLUPS = ['creator_followers', 'creator_follows_daily', 'creator_follows_hourly', 'revenue_15m', 'revenue_1h', 'revenue_1d', 'moderation_cases_daily'];
const FOREIGN_KEYS = [
  'campaigns.campaigns_advertiser_id_fkey',
  'content_reports.content_reports_case_id_fkey',
  'content_reports.content_reports_reporter_id_fkey',
  'content_reports.content_reports_video_id_fkey',
  'follows.follows_followee_id_fkey',
  'follows.follows_follower_id_fkey',
  'ingest_rejections.ingest_rejections_batch_id_fkey',
  'moderation_cases.moderation_cases_video_id_fkey',
  'transactions.transactions_advertiser_id_fkey',
  'transactions.transactions_user_id_fkey',
  'videos.videos_creator_id_fkey',
];
const UNIQUE_KEYS = [
  'advertisers.advertisers_pkey',
  'campaigns.campaigns_pkey',
  'content_reports.content_reports_pkey',
  'follows.follows_pkey',
  'ingest_rejections.ingest_rejections_pkey',
  'moderation_cases.moderation_cases_pkey',
  'transactions.transactions_pkey',
  'users.users_email_key',
  'users.users_pkey',
  'users.users_username_key',
  'videos.videos_pkey',
];
const SECONDARY_INDEXES = [
  'campaigns.campaigns_advertiser_idx',
  'campaigns.campaigns_name_search_idx',
  'content_reports.content_reports_case_idx',
  'content_reports.content_reports_reporter_idx',
  'content_reports.content_reports_video_idx',
  'creator_followers.creator_followers_rank_idx',
  'creator_follows_daily.creator_follows_daily_day_idx',
  'creator_follows_hourly.creator_follows_hourly_hour_idx',
  'follows.follows_created_idx',
  'follows.follows_followee_created_idx',
  'ingest_rejections.ingest_rejections_at_idx',
  'moderation_cases.moderation_cases_first_reported_idx',
  'moderation_cases.moderation_cases_open_due_idx',
  'moderation_cases.moderation_cases_open_reported_idx',
  'moderation_cases.moderation_cases_queue_idx',
  'moderation_cases.moderation_cases_resolved_idx',
  'transactions.transactions_occurred_idx',
  'users.users_created_at_idx',
  'users.users_email_prefix_idx',
  'users.users_username_prefix_idx',
  'videos.videos_creator_idx',
  'videos.videos_title_search_idx',
];

describe(`demo load: keys and indexes set aside during the load are back after it (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let dir: string;
  let stores: Stores;
  let dropDatabase: (() => Promise<void>) | undefined;
  const pg = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> =>
    (await stores.pg.handle.pool.query(sql, params)).rows as T[];

  const schema = async () => ({
    keys: (
      await pg<{ k: string }>(
        `SELECT conrelid::regclass::text || '.' || conname AS k FROM pg_constraint
         WHERE contype = 'f' AND conrelid::regclass::text = ANY($1) ORDER BY 1`,
        [TABLES],
      )
    ).map((r) => r.k),
    unique: (
      await pg<{ k: string }>(
        `SELECT conrelid::regclass::text || '.' || conname AS k FROM pg_constraint
         WHERE contype IN ('p', 'u') AND conrelid::regclass::text = ANY($1) ORDER BY 1`,
        [TABLES],
      )
    ).map((r) => r.k),
    indexes: (
      await pg<{ k: string }>(
        `SELECT i.indrelid::regclass::text || '.' || c.relname AS k FROM pg_index AS i JOIN pg_class AS c ON c.oid = i.indexrelid
         WHERE NOT i.indisunique AND NOT i.indisprimary AND i.indrelid::regclass::text = ANY($1) ORDER BY 1`,
        [[...TABLES, ...ROLLUPS]],
      )
    ).map((r) => r.k),
  });

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-demo-checks-'));
    let databaseUrl: string | undefined;
    if (process.env.TEST_DATABASE_URL) {
      const db = await createTestDatabase(process.env.TEST_DATABASE_URL);
      databaseUrl = db.url;
      dropDatabase = db.drop;
    }
    stores = await openStores({ dataDir: dir, databaseUrl });
    await migrate(stores, path.resolve('queries/migrations'), pino({ level: 'silent' }));
  });

  after(async () => {
    await stores?.close();
    await dropDatabase?.();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('before and after a load: the same foreign keys and secondary indexes, all valid, no saved list left', async () => {
    assert.deepEqual(await schema(), { keys: FOREIGN_KEYS, unique: UNIQUE_KEYS, indexes: SECONDARY_INDEXES });
    await loadDemoData(stores, { size: 'small', seed: 3, now: new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000 + 12 * 3_600_000) });
    assert.deepEqual(await schema(), { keys: FOREIGN_KEYS, unique: UNIQUE_KEYS, indexes: SECONDARY_INDEXES });
    const [state] = await pg<{ invalid_keys: number; invalid_indexes: number; saved: string | null }>(
      `SELECT (SELECT count(*)::int FROM pg_constraint WHERE contype = 'f' AND NOT convalidated AND conrelid::regclass::text = ANY($1)) AS invalid_keys,
              (SELECT count(*)::int FROM pg_index WHERE NOT indisvalid AND indrelid::regclass::text = ANY($2)) AS invalid_indexes,
              to_regclass('pg_temp.demo_suspended_checks')::text AS saved`,
      [TABLES, [...TABLES, ...ROLLUPS]],
    );
    assert.deepEqual(state, { invalid_keys: 0, invalid_indexes: 0, saved: null });
  });

  test('the pre-aggregates kept while their indexes were aside hold what the loaded rows give, and their rebuilt indexes answer', async () => {
    // Each count below is a row of the pre-aggregate that differs from (or is missing in) the same
    // grouping of the loaded follows / transactions, computed here in SQL.
    const [diff] = await pg<Record<string, number>>(
      `SELECT
         (SELECT count(*)::int FROM (SELECT followee_id AS id, count(*) AS n FROM follows GROUP BY 1) AS f
            FULL JOIN creator_followers AS c ON c.creator_id = f.id WHERE c.followers IS DISTINCT FROM f.n) AS followers,
         (SELECT count(*)::int FROM (SELECT followee_id AS id, (created_at AT TIME ZONE 'UTC')::date AS day, count(*) AS n FROM follows GROUP BY 1, 2) AS f
            FULL JOIN creator_follows_daily AS d ON d.creator_id = f.id AND d.day = f.day WHERE d.follows IS DISTINCT FROM f.n) AS daily,
         (SELECT count(*)::int FROM (SELECT followee_id AS id, date_trunc('hour', created_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS hour, count(*) AS n FROM follows GROUP BY 1, 2) AS f
            FULL JOIN creator_follows_hourly AS h ON h.creator_id = f.id AND h.hour = f.hour WHERE h.follows IS DISTINCT FROM f.n) AS hourly,
         (SELECT count(*)::int FROM (SELECT date_trunc('day', occurred_at AT TIME ZONE 'UTC') AS day, sum(amount_minor) AS amount FROM transactions GROUP BY 1) AS t
            FULL JOIN (SELECT date_trunc('day', bucket AT TIME ZONE 'UTC') AS day, sum(amount_minor) AS amount FROM revenue_15m GROUP BY 1) AS r
            ON r.day = t.day WHERE r.amount IS DISTINCT FROM t.amount) AS revenue_days,
         (SELECT count(*)::int FROM follows) AS follows`,
    );
    assert.deepEqual(diff, { followers: 0, daily: 0, hourly: 0, revenue_days: 0, follows: 6_000 }); // small demo: 6,000 follows (size table)
    // The hour-first index answers the read it exists for: one hour's follows of every creator.
    const [top] = await pg<{ hour: string }>('SELECT hour::text AS hour FROM creator_follows_hourly ORDER BY follows DESC, hour LIMIT 1');
    const viaIndex = await pg<{ n: string }>('SELECT sum(follows)::text AS n FROM creator_follows_hourly WHERE hour = $1', [top!.hour]);
    const fromFollows = await pg<{ n: string }>(
      "SELECT count(*)::text AS n FROM follows WHERE date_trunc('hour', created_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' = $1::timestamptz",
      [top!.hour],
    );
    assert.deepEqual(viaIndex, fromFollows);
  });

  test('the title search finds a demo video through the rebuilt index', async () => {
    const [v] = await pg<{ id: string; title: string }>('SELECT id::text, title FROM videos WHERE id = 1');
    const word = v!.title.split(' ')[0]!;
    const found = await pg<{ id: string }>(`SELECT id::text FROM videos WHERE to_tsvector('simple', title) @@ plainto_tsquery('simple', $1) AND id = 1`, [
      word,
    ]);
    assert.deepEqual(found, [{ id: '1' }]);
  });
  test('the unique keys set aside are back: a follow already there and a username already taken are refused', async () => {
    const [f] = await pg<{ follower_id: string; followee_id: string }>('SELECT follower_id::text, followee_id::text FROM follows LIMIT 1');
    await assert.rejects(
      pg('INSERT INTO follows (follower_id, followee_id, created_at) VALUES ($1, $2, now())', [f!.follower_id, f!.followee_id]),
      /follows_pkey/,
    );
    await assert.rejects(
      pg(`INSERT INTO users (id, username, email, display_name, region, created_at)
          SELECT 999999, username, 'other-' || email, display_name, region, created_at FROM users WHERE id = 1`),
      /users_username_key/,
    );
  });
  test('the keys check rows again: a follow of an account that does not exist is refused', async () => {
    // The small demo has users 1..2,000 (size table): 999,999 is nobody.
    await assert.rejects(pg('INSERT INTO follows (follower_id, followee_id, created_at) VALUES (999999, 1, now())'), /follows_follower_id_fkey/);
  });

  test('the engine query behind ChStore.tableCommand, on the real engine: a plain table is not Distributed', async () => {
    // On a cluster the demo clear and merge go to the local tables of a Distributed table; without
    // one every table is what 001_events.sql made it: video_events is a MergeTree. No such table: no row.
    const engine = chQuery('system/table_engine');
    assert.deepEqual(await stores.ch.rows(engine, { table: 'video_events' }), [{ engine: 'MergeTree' }]);
    assert.deepEqual(await stores.ch.rows(engine, { table: 'no_such_table' }), []);
  });
});
