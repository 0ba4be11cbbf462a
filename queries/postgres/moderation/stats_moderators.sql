-- Decisions per moderator in [from, to) and the median handle time (claim to decision, over
-- decisions that had a claim). Relies on moderation_decisions_reviewer_idx (reviewer_id, decided_at).
-- @param from timestamptz
-- @param to timestamptz
SELECT d.reviewer_id AS "reviewerId", a.email AS "reviewerEmail", count(*)::int AS decisions,
       count(*) FILTER (WHERE d.outcome = 'remove')::int AS removed,
       count(*) FILTER (WHERE d.outcome = 'dismiss')::int AS dismissed,
       count(*) FILTER (WHERE d.outcome = 'age_restrict')::int AS "ageRestricted",
       count(*) FILTER (WHERE d.outcome = 'escalate')::int AS escalated,
       (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM d.decided_at - d.claimed_at))
          FILTER (WHERE d.claimed_at IS NOT NULL))::float8 AS "medianHandleSeconds"
FROM moderation_decisions AS d
LEFT JOIN accounts AS a ON a.id = d.reviewer_id
WHERE d.decided_at >= :from AND d.decided_at < :to
GROUP BY d.reviewer_id, a.email
ORDER BY decisions DESC, d.reviewer_id
