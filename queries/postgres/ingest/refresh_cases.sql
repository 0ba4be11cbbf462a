-- Recomputes the figures of cases that received reports, from all their reports, with the
-- formulas of the demo data (queries/postgres/demo/moderation_cases.sql), evaluated at :now:
--   reporters = 15 * ln(1 + distinct_reporters)
--   severity  = max over reasons: self_harm 30, violence 25, nudity 20, hate 20, harassment 15,
--               misinformation 10, copyright 8, spam 5, other 3
--   recency   = 10 * exp(-hours since the last report / 24)
--   reach     = 5 * ln(1 + the video's views in the 24 h before :now), from ClickHouse (0 when unknown)
--   priority  = reporters + severity + recency + reach, rounded to 2 decimals (priority_parts holds the parts)
--   SLA       = first report + the shortest SLA of the case's reasons (MODERATION_SLA_HOURS, by default
--               4 h for self_harm, violence or nudity, 24 h otherwise).
-- The version is left alone: it guards decisions against concurrent decisions, and a decision
-- resolves every report of the case, including one that arrived while it was reviewed.
-- Relies on content_reports_case_idx.
-- @param case_ids bigint[]
-- @param sla_reasons text[]
-- @param sla_minutes int[]
-- @param reach_video_ids bigint[]
-- @param reach_views bigint[]
-- @param now timestamptz
UPDATE moderation_cases AS c
SET report_count = g.report_count,
    distinct_reporters = g.distinct_reporters,
    reasons = g.reasons,
    first_reported_at = g.first_at,
    last_reported_at = g.last_at,
    sla_due_at = g.first_at + g.sla_minutes * interval '1 minute',
    priority = round((p.reporters + g.severity + p.recency + p.reach)::numeric, 2)::float8,
    priority_parts = jsonb_build_object('reporters', round(p.reporters::numeric, 2), 'severity', g.severity,
                                        'recency', round(p.recency::numeric, 2), 'reach', round(p.reach::numeric, 2)),
    updated_at = :now
FROM (
  SELECT
    r.case_id,
    min(r.video_id) AS video_id,
    count(*) AS report_count,
    count(DISTINCT r.reporter_id) AS distinct_reporters,
    array_agg(DISTINCT r.reason ORDER BY r.reason) AS reasons,
    min(r.created_at) AS first_at,
    max(r.created_at) AS last_at,
    max(CASE r.reason WHEN 'self_harm' THEN 30 WHEN 'violence' THEN 25 WHEN 'nudity' THEN 20 WHEN 'hate' THEN 20
                      WHEN 'harassment' THEN 15 WHEN 'misinformation' THEN 10 WHEN 'copyright' THEN 8
                      WHEN 'spam' THEN 5 ELSE 3 END) AS severity,
    min(sla.minutes) AS sla_minutes
  FROM content_reports AS r
  JOIN unnest(:sla_reasons, :sla_minutes) AS sla (reason, minutes) ON sla.reason = r.reason::text
  WHERE r.case_id = ANY (:case_ids)
  GROUP BY r.case_id
) AS g
CROSS JOIN LATERAL (SELECT
  15 * ln(1 + g.distinct_reporters) AS reporters,
  10 * exp(-greatest(0, extract(epoch FROM (:now - g.last_at)))::float8 / 86400) AS recency,
  5 * ln(1 + coalesce((SELECT v.views FROM unnest(:reach_video_ids, :reach_views) AS v (video_id, views)
                       WHERE v.video_id = g.video_id), 0)) AS reach) AS p
WHERE c.id = g.case_id
