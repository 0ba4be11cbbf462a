-- Views of the reported videos over [from, to) (the last 24 h), for the reach part of a moderation
-- case's priority (README#moderation). Sort key (bucket, video_id, creator_id): the bucket range prunes.
SELECT toString(video_id) AS videoId, toString(sum(views)) AS views
FROM video_stats_15m
WHERE bucket >= toStartOfFifteenMinutes({from:DateTime64(3, 'UTC')})
  AND bucket < {to:DateTime64(3, 'UTC')}
  AND video_id IN {video_ids:Array(UInt64)}
GROUP BY video_id
