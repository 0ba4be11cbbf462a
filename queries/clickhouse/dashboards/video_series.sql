-- One video's views and engagement over time (the video page), by hour or local day; reads
-- video_stats_15m by (bucket, video_id).
SELECT
    formatDateTime(toTimeZone(b, 'UTC'), '%Y-%m-%dT%H:%i:%SZ') AS bucket,
    sum(t.views) AS views,
    sum(t.likes) AS likes,
    sum(t.comments) AS comments,
    sum(t.shares) AS shares,
    sum(t.watch_ms) AS watchMs
FROM video_stats_15m AS t
WHERE t.bucket >= {from:DateTime64(3, 'UTC')} AND t.bucket < {to:DateTime64(3, 'UTC')} AND t.video_id = {video_id:UInt64}
GROUP BY if({interval:String} = 'day', toStartOfDay(t.bucket, {tz:String}), toStartOfHour(t.bucket, {tz:String})) AS b
ORDER BY b
