-- Decisions per moderator over [from, to) (docs/metrics.md), with the console account's email.
-- Reads the window's decisions from moderation_decision_times (migration 017) by its covering
-- index on decided_at, the index alone (reviewer and outcome included).
-- @param from timestamptz
-- @param to timestamptz
SELECT d.reviewer_id AS "reviewerId",
       a.email,
       count(*)::int AS decisions,
       count(*) FILTER (WHERE d.outcome = 'remove')::int AS removals,
       count(*) FILTER (WHERE d.outcome = 'dismiss')::int AS dismissals
FROM moderation_decision_times d
LEFT JOIN accounts a ON a.id = d.reviewer_id
WHERE d.decided_at >= :from AND d.decided_at < :to
GROUP BY d.reviewer_id, a.email
ORDER BY decisions DESC, d.reviewer_id
