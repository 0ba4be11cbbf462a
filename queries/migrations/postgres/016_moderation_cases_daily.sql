-- Moderation cases per UTC day, kept as cases change (docs/scale.md, "What each panel reads"):
-- the overview's "cases open at `from`" is (reported before `from`) minus (closed before `from`),
-- and counting those over every case grew with the platform's history. Here, whole UTC days
-- before `from`'s day are summed from this table and the part of that day before `from` is
-- counted by index (migration 012), so the cost grows with days, not cases.
-- A case is `reported` on the day of first_reported_at and `closed` on the day of
-- greatest(first_reported_at, resolved_at) when resolved: it counts as resolved before `from`
-- exactly when both times are before it. Statement-level triggers with transition tables, as in
-- migration 010; an update that moves neither time changes no row here.
CREATE TABLE IF NOT EXISTS moderation_cases_daily (
  day       date PRIMARY KEY,
  reported  bigint NOT NULL,
  closed    bigint NOT NULL
);

-- Unresolved cases by first report: the oldest open case is this index's first entry (read over
-- every case's first_reported_at, it passed each resolved case reported before it).
CREATE INDEX IF NOT EXISTS moderation_cases_open_reported_idx ON moderation_cases (first_reported_at) WHERE status <> 'resolved';

CREATE OR REPLACE FUNCTION moderation_cases_daily_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO moderation_cases_daily AS m (day, reported, closed)
    SELECT day, sum(reported), sum(closed) FROM (
      SELECT (first_reported_at AT TIME ZONE 'UTC')::date AS day, 1 AS reported, 0 AS closed FROM new_rows
      UNION ALL
      SELECT (greatest(first_reported_at, resolved_at) AT TIME ZONE 'UTC')::date, 0, 1 FROM new_rows WHERE resolved_at IS NOT NULL
    ) x GROUP BY day ORDER BY day
    ON CONFLICT (day) DO UPDATE SET reported = m.reported + excluded.reported, closed = m.closed + excluded.closed;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO moderation_cases_daily AS m (day, reported, closed)
    SELECT day, -sum(reported), -sum(closed) FROM (
      SELECT (first_reported_at AT TIME ZONE 'UTC')::date AS day, 1 AS reported, 0 AS closed FROM old_rows
      UNION ALL
      SELECT (greatest(first_reported_at, resolved_at) AT TIME ZONE 'UTC')::date, 0, 1 FROM old_rows WHERE resolved_at IS NOT NULL
    ) x GROUP BY day ORDER BY day
    ON CONFLICT (day) DO UPDATE SET reported = m.reported + excluded.reported, closed = m.closed + excluded.closed;
  ELSE
    INSERT INTO moderation_cases_daily AS m (day, reported, closed)
    SELECT day, sum(reported), sum(closed) FROM (
      SELECT (first_reported_at AT TIME ZONE 'UTC')::date AS day, 1 AS reported, 0 AS closed FROM new_rows
      UNION ALL
      SELECT (greatest(first_reported_at, resolved_at) AT TIME ZONE 'UTC')::date, 0, 1 FROM new_rows WHERE resolved_at IS NOT NULL
      UNION ALL
      SELECT (first_reported_at AT TIME ZONE 'UTC')::date, -1, 0 FROM old_rows
      UNION ALL
      SELECT (greatest(first_reported_at, resolved_at) AT TIME ZONE 'UTC')::date, 0, -1 FROM old_rows WHERE resolved_at IS NOT NULL
    ) x GROUP BY day HAVING sum(reported) <> 0 OR sum(closed) <> 0 ORDER BY day
    ON CONFLICT (day) DO UPDATE SET reported = m.reported + excluded.reported, closed = m.closed + excluded.closed;
  END IF;
  RETURN NULL;
END
$$;

CREATE OR REPLACE TRIGGER moderation_cases_daily_ins AFTER INSERT ON moderation_cases
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION moderation_cases_daily_apply();
CREATE OR REPLACE TRIGGER moderation_cases_daily_upd AFTER UPDATE ON moderation_cases
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION moderation_cases_daily_apply();
CREATE OR REPLACE TRIGGER moderation_cases_daily_del AFTER DELETE ON moderation_cases
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION moderation_cases_daily_apply();

-- What the cases already hold.
INSERT INTO moderation_cases_daily AS m (day, reported, closed)
SELECT day, sum(reported), sum(closed) FROM (
  SELECT (first_reported_at AT TIME ZONE 'UTC')::date AS day, 1 AS reported, 0 AS closed FROM moderation_cases
  UNION ALL
  SELECT (greatest(first_reported_at, resolved_at) AT TIME ZONE 'UTC')::date, 0, 1 FROM moderation_cases WHERE resolved_at IS NOT NULL
) x GROUP BY day ORDER BY day
ON CONFLICT (day) DO UPDATE SET reported = m.reported + excluded.reported, closed = m.closed + excluded.closed;
