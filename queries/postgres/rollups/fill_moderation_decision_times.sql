-- Recounts moderation_decision_times from moderation_decisions and moderation_cases (what the
-- triggers keep): each decision with its case's first report now.
INSERT INTO moderation_decision_times (decision_id, decided_at, outcome, reviewer_id, first_reported_at)
SELECT d.id, d.decided_at, d.outcome, d.reviewer_id, c.first_reported_at
FROM moderation_decisions d JOIN moderation_cases c ON c.id = d.case_id
ORDER BY d.decided_at, d.id
