-- Moderation KPIs (docs/metrics.md) at :now and over [from, to): open cases, the oldest open age,
-- cases open at :from (the overview's previous value), median time from first report to
-- decision and SLA breaches. Uses moderation_cases_open_reported_idx (migration 016) for the
-- unresolved cases, the indexes of migration 012 for the window (first_reported_at, resolved_at),
-- moderation_cases_daily (migration 016) for the days before :from's UTC day and the window's
-- decisions with their cases' first reports from moderation_decision_times (migration 017, its
-- covering index on decided_at: no join to the cases).
-- @param from timestamptz
-- @param to timestamptz
-- @param now timestamptz
SELECT
  (SELECT count(*) FROM moderation_cases WHERE status <> 'resolved')::int AS "openCases",
  -- Open at :from = reported before it, less those closed before it (resolved, both times before
  -- it): whole UTC days before :from's day from moderation_cases_daily (a case closes on the day of
  -- the later of its two times), the rest of that day by index. Closed in [day, :from) is either
  -- resolved in it (and reported before :from) or reported in it and resolved before the day.
  ((SELECT coalesce(sum(reported - closed), 0) FROM moderation_cases_daily WHERE day < (:from AT TIME ZONE 'UTC')::date)
   + (SELECT count(*) FROM moderation_cases WHERE first_reported_at >= date_trunc('day', :from, 'UTC') AND first_reported_at < :from)
   - (SELECT count(*) FROM moderation_cases
        WHERE resolved_at >= date_trunc('day', :from, 'UTC') AND resolved_at < :from AND first_reported_at < :from)
   - (SELECT count(*) FROM moderation_cases
        WHERE first_reported_at >= date_trunc('day', :from, 'UTC') AND first_reported_at < :from
          AND resolved_at < date_trunc('day', :from, 'UTC')))::int AS "openCasesAtFrom",
  (SELECT extract(epoch FROM :now - min(first_reported_at)) FROM moderation_cases WHERE status <> 'resolved')::float8 AS "oldestOpenSeconds",
  -- In whole microseconds (float8, exact below 2^53): the median of two is then exact, and no
  -- numeric is computed per decision (extract() answers numeric, three times slower to sort).
  ((SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY round(date_part('epoch', decided_at - first_reported_at) * 1e6))
      FROM moderation_decision_times
      WHERE decided_at >= :from AND decided_at < :to AND outcome <> 'escalate') / 1e6)::float8 AS "medianDecisionSeconds",
  (SELECT count(*) FROM moderation_decision_times WHERE decided_at >= :from AND decided_at < :to)::int AS decisions,
  (SELECT count(*) FROM moderation_cases WHERE status <> 'resolved' AND sla_due_at < :now)::int AS "openSlaBreaches",
  (SELECT count(*) FROM moderation_cases
     WHERE resolved_at >= :from AND resolved_at < :to AND resolved_at > sla_due_at)::int AS "resolvedSlaBreaches"
