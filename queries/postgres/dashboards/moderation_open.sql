-- The moderation panel's figures at :now, whatever the window (docs/metrics.md): open cases, the
-- oldest open age and open cases past their SLA. Apart from moderation_kpis.sql so that the result
-- cache answers them once a minute for every window (as the overview's alerts tile). Index-only:
-- moderation_cases_open_reported_idx (migration 016; its first entry is the oldest open case) and
-- moderation_cases_open_due_idx (migration 017).
-- @param now timestamptz
SELECT
  (SELECT count(*) FROM moderation_cases WHERE status <> 'resolved')::int AS "openCases",
  (SELECT extract(epoch FROM :now - min(first_reported_at)) FROM moderation_cases WHERE status <> 'resolved')::float8 AS "oldestOpenSeconds",
  (SELECT count(*) FROM moderation_cases WHERE status <> 'resolved' AND sla_due_at < :now)::int AS "openSlaBreaches"
