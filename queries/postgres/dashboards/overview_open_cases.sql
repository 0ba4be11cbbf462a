-- The overview's open-cases tile: cases open now and at :from (its previous value), and nothing
-- else of the moderation panel (the overview ran the whole panel: the median's join over the
-- window's decisions, SLA counts and the per-moderator grouping, none of it shown there).
-- Open now: moderation_cases_open_reported_idx (partial, unresolved cases; index-only once the
-- table is vacuumed). Open at :from as in moderation_kpis.sql: whole UTC days before :from's day
-- from moderation_cases_daily (migration 016), the rest of that day by the indexes of migration 012.
-- @param from timestamptz
SELECT
  (SELECT count(*) FROM moderation_cases WHERE status <> 'resolved')::int AS "openCases",
  ((SELECT coalesce(sum(reported - closed), 0) FROM moderation_cases_daily WHERE day < (:from AT TIME ZONE 'UTC')::date)
   + (SELECT count(*) FROM moderation_cases WHERE first_reported_at >= date_trunc('day', :from, 'UTC') AND first_reported_at < :from)
   - (SELECT count(*) FROM moderation_cases
        WHERE resolved_at >= date_trunc('day', :from, 'UTC') AND resolved_at < :from AND first_reported_at < :from)
   - (SELECT count(*) FROM moderation_cases
        WHERE first_reported_at >= date_trunc('day', :from, 'UTC') AND first_reported_at < :from
          AND resolved_at < date_trunc('day', :from, 'UTC')))::int AS "openCasesAtFrom"
