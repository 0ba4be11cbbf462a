-- One video's views and engagement over time (the video page), by local hour or local day, from
-- video_stats_15m_by_video (ClickHouse 023): sorted by video in 256-row granules, so one video's
-- quarter-hours are adjacent whatever the bucket's other videos (docs/latency-tier.md). A
-- quarter-hour falls in one local hour and one local day in every zone (+05:30, +05:45, DST days
-- included), so the window [from, to) is read whole from this one tier (ClickHouse 024 dropped the
-- hourly by-video tier: docs/demo-load.md, "Session 15").
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
    WHERE video_id = {video_id:UInt64} AND bucket >= {from:DateTime64(3, 'UTC')} AND bucket < {to:DateTime64(3, 'UTC')}
) AS t
GROUP BY if({interval:String} = 'day', toStartOfDay(t.bucket, {tz:String}), toStartOfHour(t.bucket, {tz:String})) AS b
ORDER BY b
