-- The reported video's reach over [from, to) (the last 24 h) for the case page, from the 15-minute
-- per-video rollup. Sort key (bucket, video_id, creator_id): the bucket range prunes, video_id filters.
SELECT
    sum(views) AS views,
    sum(watch_ms) AS watchMs,
    sum(likes) AS likes,
    sum(comments) AS comments,
    sum(shares) AS shares
FROM video_stats_15m
WHERE bucket >= toStartOfFifteenMinutes({from:DateTime64(3, 'UTC')})
  AND bucket < {to:DateTime64(3, 'UTC')}
  AND video_id = {video_id:UInt64}
