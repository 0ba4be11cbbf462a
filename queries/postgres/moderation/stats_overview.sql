-- The moderation headline (docs/metrics.md): open cases, the oldest open case's first report, open
-- cases past their SLA, cases resolved in [from, to) and how many of those were late, median time
-- from first report to resolution. Scans unresolved cases through moderation_cases_queue_idx's
-- partial predicate and resolved ones of the window.
-- @param from timestamptz
-- @param to timestamptz
SELECT
  (SELECT count(*) FROM moderation_cases WHERE status <> 'resolved')::int AS "openCases",
  (SELECT count(*) FROM moderation_cases WHERE status = 'escalated')::int AS "escalatedCases",
  (SELECT min(first_reported_at) FROM moderation_cases WHERE status <> 'resolved') AS "oldestOpenAt",
  (SELECT count(*) FROM moderation_cases WHERE status <> 'resolved' AND sla_due_at < now())::int AS "openBreached",
  (SELECT count(*) FROM moderation_cases WHERE status = 'resolved' AND resolved_at >= :from AND resolved_at < :to)::int AS "resolvedInWindow",
  (SELECT count(*) FROM moderation_cases WHERE status = 'resolved' AND resolved_at >= :from AND resolved_at < :to
      AND resolved_at > sla_due_at)::int AS "resolvedLate",
  (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at - first_reported_at))
     FROM moderation_cases WHERE status = 'resolved' AND resolved_at >= :from AND resolved_at < :to)::float8 AS "medianSecondsToDecision"
