-- Decisions per moderator over [from, to) (docs/metrics.md), with the console account's email.
-- Uses moderation_decisions_reviewer_idx (reviewer_id, decided_at).
-- @param from timestamptz
-- @param to timestamptz
SELECT d.reviewer_id AS "reviewerId",
       a.email,
       count(*)::int AS decisions,
       count(*) FILTER (WHERE d.outcome = 'remove')::int AS removals,
       count(*) FILTER (WHERE d.outcome = 'dismiss')::int AS dismissals
FROM moderation_decisions d
LEFT JOIN accounts a ON a.id = d.reviewer_id
WHERE d.decided_at >= :from AND d.decided_at < :to
GROUP BY d.reviewer_id, a.email
ORDER BY decisions DESC, d.reviewer_id
