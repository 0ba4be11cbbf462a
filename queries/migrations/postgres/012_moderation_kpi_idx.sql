-- The moderation KPIs of the overview and the moderation panel (queries/postgres/dashboards/
-- moderation_kpis.sql, moderation_by_reviewer.sql) by index instead of reading every case and
-- decision: decisions in [from, to) by decided_at; cases open at `from` as (reported before it)
-- minus (resolved before it), two index-only counts; resolved SLA breaches by resolved_at.
CREATE INDEX IF NOT EXISTS moderation_decisions_decided_idx ON moderation_decisions (decided_at);
CREATE INDEX IF NOT EXISTS moderation_cases_first_reported_idx ON moderation_cases (first_reported_at);
CREATE INDEX IF NOT EXISTS moderation_cases_resolved_idx ON moderation_cases (resolved_at, first_reported_at, sla_due_at)
  WHERE resolved_at IS NOT NULL;
