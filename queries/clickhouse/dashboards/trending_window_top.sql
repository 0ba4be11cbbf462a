-- The top {limit} videos by views over the tier buckets given (the parts of a trending window
-- on days without a valid list; docs/scale.md, "Trending"), ties by id. Reads two columns of
-- each tier by its sort key.
SELECT t.video_id AS videoId, sum(t.views) AS views
FROM
(
    SELECT video_id, views FROM video_stats_15m WHERE bucket IN {q_buckets:Array(DateTime('UTC'))}
    UNION ALL
    SELECT video_id, views FROM video_stats_1h WHERE bucket IN {h_buckets:Array(DateTime('UTC'))}
    UNION ALL
    SELECT video_id, views FROM video_stats_1d WHERE bucket IN {d_buckets:Array(DateTime('UTC'))}
) AS t
GROUP BY t.video_id
ORDER BY views DESC, videoId
LIMIT {limit:UInt32}
