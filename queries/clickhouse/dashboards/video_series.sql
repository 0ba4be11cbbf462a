-- One video's views and engagement over time (the video page), by local hour or local day. Whole
-- UTC hours [h_from, h_to) come from video_stats_1h_by_video, the rest of [from, to) from
-- video_stats_15m_by_video (ClickHouse 023): both sorted by video in 256-row granules, so one
-- video's rows are adjacent whatever the bucket's other videos (docs/latency-tier.md). The service
-- passes an empty hour span (h_from = h_to) when a local hour or day of the window does not start
-- on a UTC hour (+05:30, +05:45 zones): an hour row would then straddle two output buckets.
SELECT
    formatDateTime(toTimeZone(b, 'UTC'), '%Y-%m-%dT%H:%i:%SZ') AS bucket,
    sum(t.views) AS views,
    sum(t.likes) AS likes,
    sum(t.comments) AS comments,
    sum(t.shares) AS shares,
    sum(t.watch_ms) AS watchMs
FROM
(
    SELECT bucket, views, likes, comments, shares, watch_ms
    FROM video_stats_15m_by_video
    WHERE video_id = {video_id:UInt64}
      AND ((bucket >= {from:DateTime64(3, 'UTC')} AND bucket < {h_from:DateTime64(3, 'UTC')})
        OR (bucket >= {h_to:DateTime64(3, 'UTC')} AND bucket < {to:DateTime64(3, 'UTC')}))
    UNION ALL
    SELECT bucket, views, likes, comments, shares, watch_ms
    FROM video_stats_1h_by_video
    WHERE video_id = {video_id:UInt64} AND bucket >= {h_from:DateTime64(3, 'UTC')} AND bucket < {h_to:DateTime64(3, 'UTC')}
) AS t
GROUP BY if({interval:String} = 'day', toStartOfDay(t.bucket, {tz:String}), toStartOfHour(t.bucket, {tz:String})) AS b
ORDER BY b
