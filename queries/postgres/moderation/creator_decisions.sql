-- Earlier decisions on the creator's videos (other cases than this one), newest first: a repeat
-- offender reads differently. Relies on videos_creator_idx, then moderation_decisions by case.
-- @param creator_id bigint
-- @param case_id bigint
SELECT d.id, d.case_id AS "caseId", d.video_id AS "videoId", v.title, d.outcome, d.policy_reason AS "policyReason",
       d.decided_at AS "decidedAt", d.reverses_decision_id AS "reversesDecisionId"
FROM videos AS v
JOIN moderation_cases AS c ON c.video_id = v.id
JOIN moderation_decisions AS d ON d.case_id = c.id
WHERE v.creator_id = :creator_id AND d.case_id <> :case_id
ORDER BY d.decided_at DESC, d.id DESC
LIMIT 20
