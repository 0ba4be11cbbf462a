-- The top {n} videos of one UTC day by views (ties by id), from the daily tier: a trending day
-- list (docs/scale.md, "Trending"). Reads the day by the tier's sort key.
SELECT video_id AS videoId, sum(views) AS views
FROM video_stats_1d
WHERE bucket = {day:DateTime64(3, 'UTC')}
GROUP BY video_id
ORDER BY views DESC, videoId
LIMIT {n:UInt32}
