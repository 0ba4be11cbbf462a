-- Trending videos (docs/metrics.md): totals per video in [from, to), views in the previous window of
-- equal length, and daily views of the 4 local days before the day holding {to} (growth
-- velocity = mean of the 3 day-over-day increases over the last 3 complete days). One scan of
-- video_stats_15m by its sort key (bucket, video_id); {scan_from} = min(prev_from, to - 5 days).
WITH
    t.bucket >= {from:DateTime64(3, 'UTC')} AS in_window,
    toDate(t.bucket, {tz:String}) AS day,
    toDate({to:DateTime64(3, 'UTC')}, {tz:String}) AS today_local
SELECT
    t.video_id AS videoId,
    any(t.creator_id) AS creatorId,
    sumIf(t.views, in_window) AS views,
    sumIf(t.likes, in_window) AS likes,
    sumIf(t.comments, in_window) AS comments,
    sumIf(t.shares, in_window) AS shares,
    sumIf(t.watch_ms, in_window) AS watchMs,
    sumIf(t.views, t.bucket >= {prev_from:DateTime64(3, 'UTC')} AND t.bucket < {from:DateTime64(3, 'UTC')}) AS prevViews,
    sumIf(t.views, day = today_local - 1) AS d1,
    sumIf(t.views, day = today_local - 4) AS d4
FROM video_stats_15m AS t
WHERE t.bucket >= {scan_from:DateTime64(3, 'UTC')} AND t.bucket < {to:DateTime64(3, 'UTC')}
GROUP BY t.video_id
HAVING views + likes + comments + shares > 0
ORDER BY views DESC, videoId
LIMIT {limit:UInt32}
