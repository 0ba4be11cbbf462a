-- The decisions of one case, oldest first (its history panel; reversals point at what they
-- reverse). Relies on moderation_decisions_case_idx.
-- @param case_id bigint
SELECT d.id, d.case_id AS "caseId", d.reviewer_id AS "reviewerId", a.email AS "reviewerEmail",
       d.claimed_at AS "claimedAt", d.decided_at AS "decidedAt", d.outcome, d.policy_reason AS "policyReason",
       d.note, d.state_before AS "stateBefore", d.state_after AS "stateAfter", d.bulk_batch_id AS "bulkBatchId",
       d.reverses_decision_id AS "reversesDecisionId"
FROM moderation_decisions AS d
LEFT JOIN accounts AS a ON a.id = d.reviewer_id
WHERE d.case_id = :case_id
ORDER BY d.decided_at, d.id
