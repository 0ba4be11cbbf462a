-- The demo videos take the visibility their latest demo decision gave them (removed,
-- age-restricted); dismissals leave them as they are. Relies on moderation_decisions_case_idx.
UPDATE videos AS v
SET visibility = CASE d.outcome WHEN 'remove' THEN 'removed' ELSE 'age_restricted' END
FROM (SELECT DISTINCT ON (video_id) video_id, outcome FROM moderation_decisions ORDER BY video_id, decided_at DESC, id DESC) AS d
WHERE d.video_id = v.id AND d.outcome IN ('remove', 'age_restrict') AND v.visibility <> 'removed'
