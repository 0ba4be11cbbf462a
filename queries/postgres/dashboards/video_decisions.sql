-- Moderation history of one video (the video page): decisions, oldest first.
-- @param video_id bigint
SELECT d.id, d.case_id AS "caseId", d.outcome, d.policy_reason AS "policyReason",
       d.decided_at AS "decidedAt", d.reverses_decision_id AS "reversesDecisionId"
FROM moderation_decisions d
WHERE d.video_id = :video_id
ORDER BY d.decided_at, d.id
