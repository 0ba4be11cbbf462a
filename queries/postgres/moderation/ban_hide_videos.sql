-- A ban hides the account's videos (docs/moderation.md, the visibility rule): every video not
-- removed already becomes 'removed', and the visibility each had is kept with the ban so that
-- lifting it gives them back. One statement; relies on videos_creator_idx.
-- @param action_id bigint
-- @param user_id bigint
WITH hidden AS (
  INSERT INTO account_action_videos (action_id, video_id, visibility_before)
  SELECT :action_id, v.id, v.visibility FROM videos AS v
  WHERE v.creator_id = :user_id AND v.visibility <> 'removed'
  RETURNING video_id
)
UPDATE videos AS v SET visibility = 'removed', updated_at = now()
FROM hidden AS h
WHERE v.id = h.video_id
RETURNING v.id
