-- Bulk-load mode for the tables the demo fills (docs/scale.md#demo-load), inside the load's
-- transaction: their foreign keys and secondary (non-unique) indexes are set aside, so that each
-- row costs no per-row referential check (a trigger call and an index probe per key) and no
-- per-row index insertion (the GIN title index the most); restore_load_checks.sql puts them back
-- from the definitions saved here, one set-based check per foreign key and one sorted build per
-- index. Primary keys and unique constraints that no foreign key depends on (follows' pair, users'
-- email and username: random-order insertions into a growing btree, a third of the follows
-- step) are set aside too and built again in one sort, which rejects a duplicate then, failing the
-- load as the per-row check did; the keys that other tables' foreign keys use stay. The
-- pre-aggregates the statement-level triggers keep (creator_follows_hourly/_daily,
-- creator_followers, revenue_*, moderation_cases_daily) lose their secondary indexes too, not
-- their primary keys (the triggers' upserts need them): the hour-first and day-first indexes took
-- a random-order insertion per upserted row, ~40% of the follows step at the large size.
-- Definitions come from the catalog (pg_get_constraintdef / pg_get_indexdef), so a migration
-- that adds a key or an index is covered without touching this file. The saved list is a
-- temporary table dropped at commit or rollback; DDL is transactional, so a failed load rolls
-- back to the schema as it was.
DO $$
DECLARE
  s record;
BEGIN
  CREATE TEMP TABLE demo_suspended_checks (ord serial, kind text, tbl regclass, name text, def text) ON COMMIT DROP;
  INSERT INTO demo_suspended_checks (kind, tbl, name, def)
  SELECT 'fk', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid)
  FROM pg_constraint AS c
  WHERE c.contype = 'f'
    AND c.conrelid IN ('advertisers'::regclass, 'campaigns'::regclass, 'users'::regclass, 'videos'::regclass,
                       'follows'::regclass, 'transactions'::regclass, 'content_reports'::regclass,
                       'moderation_cases'::regclass, 'ingest_rejections'::regclass)
  ORDER BY c.conrelid::regclass::text, c.conname;
  INSERT INTO demo_suspended_checks (kind, tbl, name, def)
  SELECT 'key', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid)
  FROM pg_constraint AS c
  WHERE c.contype IN ('p', 'u')
    AND NOT EXISTS (SELECT 1 FROM pg_constraint AS f WHERE f.contype = 'f' AND f.conindid = c.conindid)
    AND c.conrelid IN ('advertisers'::regclass, 'campaigns'::regclass, 'users'::regclass, 'videos'::regclass,
                       'follows'::regclass, 'transactions'::regclass, 'content_reports'::regclass,
                       'moderation_cases'::regclass, 'ingest_rejections'::regclass)
  ORDER BY c.conrelid::regclass::text, c.conname;
  INSERT INTO demo_suspended_checks (kind, tbl, name, def)
  SELECT 'index', i.indrelid::regclass, ic.relname, pg_get_indexdef(i.indexrelid)
  FROM pg_index AS i
  JOIN pg_class AS ic ON ic.oid = i.indexrelid
  WHERE NOT i.indisunique AND NOT i.indisprimary
    AND NOT EXISTS (SELECT 1 FROM pg_constraint AS k WHERE k.conindid = i.indexrelid)
    AND i.indrelid IN ('advertisers'::regclass, 'campaigns'::regclass, 'users'::regclass, 'videos'::regclass,
                       'follows'::regclass, 'transactions'::regclass, 'content_reports'::regclass,
                       'moderation_cases'::regclass, 'ingest_rejections'::regclass,
                       'creator_followers'::regclass, 'creator_follows_daily'::regclass,
                       'creator_follows_hourly'::regclass, 'revenue_15m'::regclass, 'revenue_1h'::regclass,
                       'revenue_1d'::regclass, 'moderation_cases_daily'::regclass)
  ORDER BY i.indrelid::regclass::text, ic.relname;
  FOR s IN SELECT * FROM demo_suspended_checks ORDER BY ord LOOP
    IF s.kind IN ('fk', 'key') THEN
      EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', s.tbl, s.name);
    ELSE
      EXECUTE format('DROP INDEX %s', (SELECT quote_ident(n.nspname) || '.' || quote_ident(s.name)
                                        FROM pg_class AS t JOIN pg_namespace AS n ON n.oid = t.relnamespace
                                        WHERE t.oid = s.tbl));
    END IF;
  END LOOP;
END
$$
