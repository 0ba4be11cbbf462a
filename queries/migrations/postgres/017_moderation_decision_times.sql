-- Each decision's time with its case's first report (docs/scale.md, "Moderation"): the moderation
-- panel's median time to decision joined the window's decisions to every case (a hash of all
-- ~130k cases on the large demo) and its per-moderator counts and the window's decision count
-- fetched each decision's heap row. Here one covering index on decided_at answers all three by
-- an index-only range read of the window's decisions.
-- Kept by statement-level triggers (as migration 016): a decision's row is written when the
-- decision is, with its case's first report at that moment; a case whose first report moves (a
-- late report lowers it: queries/postgres/ingest/refresh_cases.sql) moves it on every decision
-- of the case. Rebuilt by `npm run rollups -- rebuild` (queries/postgres/rollups/).
CREATE TABLE IF NOT EXISTS moderation_decision_times (
  decision_id        bigint PRIMARY KEY,
  decided_at         timestamptz NOT NULL,
  outcome            text NOT NULL,
  reviewer_id        bigint NOT NULL,
  first_reported_at  timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS moderation_decision_times_decided_idx
  ON moderation_decision_times (decided_at) INCLUDE (outcome, reviewer_id, first_reported_at);

CREATE OR REPLACE FUNCTION moderation_decision_times_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM moderation_decision_times t USING old_rows o WHERE t.decision_id = o.id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO moderation_decision_times (decision_id, decided_at, outcome, reviewer_id, first_reported_at)
    SELECT n.id, n.decided_at, n.outcome, n.reviewer_id, c.first_reported_at
    FROM new_rows n JOIN moderation_cases c ON c.id = n.case_id
    ORDER BY n.decided_at, n.id;
  END IF;
  RETURN NULL;
END
$$;

CREATE OR REPLACE TRIGGER moderation_decision_times_ins AFTER INSERT ON moderation_decisions
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION moderation_decision_times_apply();
CREATE OR REPLACE TRIGGER moderation_decision_times_upd AFTER UPDATE ON moderation_decisions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION moderation_decision_times_apply();
CREATE OR REPLACE TRIGGER moderation_decision_times_del AFTER DELETE ON moderation_decisions
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION moderation_decision_times_apply();

-- A case's first report moved: its decisions follow (moderation_decisions_case_idx finds them).
CREATE OR REPLACE FUNCTION moderation_decision_times_case_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE moderation_decision_times t
  SET first_reported_at = n.first_reported_at
  FROM new_rows n
  JOIN old_rows o ON o.id = n.id
  JOIN moderation_decisions d ON d.case_id = n.id
  WHERE n.first_reported_at IS DISTINCT FROM o.first_reported_at AND t.decision_id = d.id;
  RETURN NULL;
END
$$;

CREATE OR REPLACE TRIGGER moderation_decision_times_case_upd AFTER UPDATE ON moderation_cases
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION moderation_decision_times_case_moved();

-- The panel's other reads of cases from an index alone: open cases past their SLA (an index of
-- open cases by due time; the partial index by first report fetched each open case's row, ~14k on
-- the large demo) and the cases reported on `from`'s UTC day before it that were resolved before
-- that day (resolved_at included: it was read from each such case's row).
CREATE INDEX IF NOT EXISTS moderation_cases_open_due_idx ON moderation_cases (sla_due_at) WHERE status <> 'resolved';
DROP INDEX IF EXISTS moderation_cases_first_reported_idx;
CREATE INDEX IF NOT EXISTS moderation_cases_first_reported_idx ON moderation_cases (first_reported_at) INCLUDE (resolved_at);

-- What the decisions already hold, in time order (a window's rows share heap pages until vacuumed).
INSERT INTO moderation_decision_times (decision_id, decided_at, outcome, reviewer_id, first_reported_at)
SELECT d.id, d.decided_at, d.outcome, d.reviewer_id, c.first_reported_at
FROM moderation_decisions d JOIN moderation_cases c ON c.id = d.case_id
ORDER BY d.decided_at, d.id
ON CONFLICT (decision_id) DO NOTHING;
-- Its statistics now (an embedded PGlite has no autovacuum daemon to gather them): without them
-- the planner guessed a few hundred rows a week and read the heap by bitmap.
ANALYZE moderation_decision_times;
