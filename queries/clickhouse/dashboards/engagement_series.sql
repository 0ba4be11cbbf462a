-- Engagement and watch time over time (docs/metrics.md), bucketed by hour or by day in the viewer's
-- IANA timezone. 15-minute rollup rows fall wholly inside one local hour or day for every
-- offset in use (+05:30, +05:45, DST), so the sums are exact. Reads engagement_totals_15m (the
-- platform's sums per quarter-hour, fed by engagement_15m; one row a bucket) by its sort key. {interval} is 'hour' or 'day' from a closed enum. completed
-- (views that reached the video's duration, flagged at ingest) serves the completion rate.
SELECT
    formatDateTime(toTimeZone(b, 'UTC'), '%Y-%m-%dT%H:%i:%SZ') AS bucket,
    sum(t.views) AS views,
    sum(t.likes) AS likes,
    sum(t.comments) AS comments,
    sum(t.shares) AS shares,
    sum(t.watch_ms) AS watchMs,
    sum(t.completed) AS completed
FROM engagement_totals_15m AS t
WHERE t.bucket >= {from:DateTime64(3, 'UTC')} AND t.bucket < {to:DateTime64(3, 'UTC')}
GROUP BY if({interval:String} = 'day', toStartOfDay(t.bucket, {tz:String}), toStartOfHour(t.bucket, {tz:String})) AS b
ORDER BY b
