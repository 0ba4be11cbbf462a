-- Lifting a ban gives back the visibility each video had before it, for the videos the ban hid
-- that are still removed and on which no moderation decision was made since the ban (a removal
-- decided during the ban stands). Primary keys of account_action_videos and videos.
-- @param ban_id bigint
WITH ban AS (SELECT created_at FROM account_actions WHERE id = :ban_id)
UPDATE videos AS v SET visibility = h.visibility_before, updated_at = now()
FROM account_action_videos AS h, ban
WHERE h.action_id = :ban_id AND v.id = h.video_id AND v.visibility = 'removed'
  AND NOT EXISTS (SELECT 1 FROM moderation_decisions AS d WHERE d.video_id = v.id AND d.decided_at > ban.created_at)
RETURNING v.id
