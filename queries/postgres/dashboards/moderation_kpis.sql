-- Moderation KPIs (docs/metrics.md) over [from, to): cases open at :from (the overview's previous
-- value), decisions, the median time from first report to decision and resolved SLA breaches (the
-- figures at now are moderation_open.sql's). Uses moderation_cases_daily (migration 016) for the
-- days before :from's UTC day, the indexes of migrations 012 and 017 for the cases of the window
-- (first_reported_at with resolved_at, resolved_at) and moderation_decision_times (migration 017)
-- for the window's decisions with their cases' first reports: one index-only range read of its
-- covering index on decided_at gives the count and the median (no join to the cases).
-- @param from timestamptz
-- @param to timestamptz
SELECT
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
  -- In whole microseconds (float8, exact below 2^53): the median of two is then exact, and no
  -- numeric is computed per decision (extract() answers numeric, three times slower to sort).
  (d.median_us / 1e6)::float8 AS "medianDecisionSeconds",
  d.decisions::int AS decisions,
  (SELECT count(*) FROM moderation_cases
     WHERE resolved_at >= :from AND resolved_at < :to AND resolved_at > sla_due_at)::int AS "resolvedSlaBreaches"
FROM (
  SELECT count(*) AS decisions,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY round(date_part('epoch', decided_at - first_reported_at) * 1e6))
           FILTER (WHERE outcome <> 'escalate') AS median_us
  FROM moderation_decision_times
  WHERE decided_at >= :from AND decided_at < :to
) d
