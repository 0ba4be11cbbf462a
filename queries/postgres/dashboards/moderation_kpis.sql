-- Moderation KPIs (docs/metrics.md) at :now and over [from, to): open cases, the oldest open age,
-- cases open at :from (the overview's previous value), median time from first report to
-- decision and SLA breaches. Uses moderation_cases_queue_idx for the unresolved cases and the
-- indexes of migration 012 for the window (decided_at, first_reported_at, resolved_at).
-- @param from timestamptz
-- @param to timestamptz
-- @param now timestamptz
SELECT
  (SELECT count(*) FROM moderation_cases WHERE status <> 'resolved')::int AS "openCases",
  -- Open at :from = reported before it, less those also resolved before it (two index-only counts).
  ((SELECT count(*) FROM moderation_cases WHERE first_reported_at < :from)
   - (SELECT count(*) FROM moderation_cases WHERE resolved_at < :from AND first_reported_at < :from))::int AS "openCasesAtFrom",
  (SELECT extract(epoch FROM :now - min(first_reported_at)) FROM moderation_cases WHERE status <> 'resolved')::float8 AS "oldestOpenSeconds",
  (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM d.decided_at - c.first_reported_at))
     FROM moderation_decisions d JOIN moderation_cases c ON c.id = d.case_id
     WHERE d.decided_at >= :from AND d.decided_at < :to AND d.outcome <> 'escalate')::float8 AS "medianDecisionSeconds",
  (SELECT count(*) FROM moderation_decisions WHERE decided_at >= :from AND decided_at < :to)::int AS decisions,
  (SELECT count(*) FROM moderation_cases WHERE status <> 'resolved' AND sla_due_at < :now)::int AS "openSlaBreaches",
  (SELECT count(*) FROM moderation_cases
     WHERE resolved_at >= :from AND resolved_at < :to AND resolved_at > sla_due_at)::int AS "resolvedSlaBreaches"
