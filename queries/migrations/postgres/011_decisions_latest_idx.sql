-- A case's latest decision in one index probe (reporter_accuracy's `WHERE case_id = … ORDER BY id
-- DESC LIMIT 1`). With only moderation_decisions_case_idx the planner walked the primary key
-- backwards for each report: the demo history's reporter-accuracy refresh took 84 s on the
-- default demo (13,500 reports of resolved cases) and grew with the square of the cases; with
-- this index it takes 2.5 s (docs/scale.md, "Demo load").
CREATE INDEX IF NOT EXISTS moderation_decisions_case_latest_idx ON moderation_decisions (case_id, id);
