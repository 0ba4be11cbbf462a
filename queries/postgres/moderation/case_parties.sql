-- Whether a user is the creator of a case's video and whether they reported it: an account
-- action taken on a case must be on one of its parties. Primary keys, content_reports_case_idx.
-- @param id bigint
-- @param user_id bigint
SELECT v.creator_id = :user_id AS "isCreator",
       EXISTS (SELECT 1 FROM content_reports AS r WHERE r.case_id = c.id AND r.reporter_id = :user_id) AS "isReporter"
FROM moderation_cases AS c
JOIN videos AS v ON v.id = c.video_id
WHERE c.id = :id
