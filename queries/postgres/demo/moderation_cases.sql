-- Builds the moderation cases of the demo reports (README#moderation, docs/architecture.md#demo-data): reports of the last
-- :open_window_ms (7 days) of a video form its ONE case of that window; older reports form
-- resolved cases, one per video and 7-day bucket, resolved 2-46 h after their last report (never
-- past the bucket's end). Within the window, about half of the cases with fewer than 20 reporters
-- whose last report is over 2 h old were resolved already, 30 min to 30 h after their last
-- report (at the latest 5 min before now), so the moderation KPIs of the last day and week have
-- decisions; the others (the brigades among them) are open. The decisions themselves come after
-- the reviewer accounts exist (demo/moderation_history.sql). SLA: first report + 4 h when
-- any reason is self_harm, violence or nudity, + 24 h otherwise. Priority (priority_parts holds
-- the three parts), evaluated at now for open cases and at resolved_at for resolved ones:
--   reporters = 15 * ln(1 + distinct_reporters)
--   severity  = max over reasons: self_harm 30, violence 25, nudity 20, hate 20, harassment 15,
--               misinformation 10, copyright 8, spam 5, other 3
--   recency   = 10 * exp(-hours since the last report / 24)
--   priority  = reporters + severity + recency, rounded to 2 decimals
-- Case ids are explicit (ordered by first report, video), the id sequence is reset afterwards.
-- Relies on content_reports_video_idx and the partial unique index (one open case per video).
-- @param seed bigint
-- @param now_ms bigint
-- @param open_window_ms bigint
INSERT INTO moderation_cases (id, video_id, status, priority, priority_parts, report_count, distinct_reporters,
                              reasons, first_reported_at, last_reported_at, version, sla_due_at, resolved_at,
                              created_at, updated_at)
SELECT
  row_number() OVER (ORDER BY g.first_at, g.video_id, g.bucket),
  g.video_id,
  CASE WHEN e.resolved_at IS NULL THEN 'open' ELSE 'resolved' END,
  round((p.reporters + g.severity + p.recency)::numeric, 2)::float8,
  jsonb_build_object('reporters', round(p.reporters::numeric, 2), 'severity', g.severity, 'recency', round(p.recency::numeric, 2)),
  g.report_count,
  g.distinct_reporters,
  g.reasons,
  g.first_at,
  g.last_at,
  CASE WHEN e.resolved_at IS NULL THEN 1 ELSE 2 END,
  g.first_at + CASE WHEN g.urgent THEN interval '4 hours' ELSE interval '24 hours' END,
  e.resolved_at,
  g.first_at,
  coalesce(e.resolved_at, g.last_at)
FROM (
  SELECT
    r.video_id,
    floor((:now_ms - extract(epoch FROM r.created_at) * 1000) / :open_window_ms)::int AS bucket,
    count(*) AS report_count,
    count(DISTINCT r.reporter_id) AS distinct_reporters,
    array_agg(DISTINCT r.reason ORDER BY r.reason) AS reasons,
    min(r.created_at) AS first_at,
    max(r.created_at) AS last_at,
    max(CASE r.reason WHEN 'self_harm' THEN 30 WHEN 'violence' THEN 25 WHEN 'nudity' THEN 20 WHEN 'hate' THEN 20
                      WHEN 'harassment' THEN 15 WHEN 'misinformation' THEN 10 WHEN 'copyright' THEN 8
                      WHEN 'spam' THEN 5 ELSE 3 END) AS severity,
    bool_or(r.reason IN ('self_harm', 'violence', 'nudity')) AS urgent
  FROM content_reports AS r
  WHERE r.case_id IS NULL
  GROUP BY 1, 2
) AS g
CROSS JOIN LATERAL (SELECT ((hashint8extended(g.video_id * 8 + g.bucket, :seed + 81) >> 11) & 9007199254740991)::float8
                           / 9007199254740992 AS u) AS h
CROSS JOIN LATERAL (SELECT CASE
  WHEN g.bucket > 0 THEN least(g.last_at + (7200000 + floor(h.u * 158400000)) * interval '1 ms',
                               timestamptz 'epoch' + (:now_ms - g.bucket * :open_window_ms) * interval '1 ms')
  -- the window: half of the small cases quiet for 2 h are resolved (u < 0.5 picks them, 2u spreads the delay)
  WHEN g.distinct_reporters < 20 AND h.u < 0.5 AND g.last_at < timestamptz 'epoch' + (:now_ms - 7200000) * interval '1 ms'
    THEN least(g.last_at + (1800000 + floor(2 * h.u * 106200000)) * interval '1 ms',
               timestamptz 'epoch' + (:now_ms - 300000) * interval '1 ms')
  END AS resolved_at) AS e
CROSS JOIN LATERAL (SELECT
  15 * ln(1 + g.distinct_reporters) AS reporters,
  10 * exp(-extract(epoch FROM (coalesce(e.resolved_at, timestamptz 'epoch' + :now_ms * interval '1 ms') - g.last_at))::float8 / 86400) AS recency) AS p
