-- Completion rate (views with watch_ms >= the video's duration / views) needs each view's
-- watch time against its video's duration, which no rollup keeps: this reads raw video_events
-- (sort key starts with the 15-minute bucket, so the window prunes granules). Durations come
-- from PostgreSQL as two parallel arrays; a video without a known duration never completes.
SELECT
    formatDateTime(toTimeZone(b, 'UTC'), '%Y-%m-%dT%H:%i:%SZ') AS bucket,
    count() AS views,
    countIf(watch_ms >= transform(video_id, {video_ids:Array(UInt64)}, {durations:Array(UInt32)}, toUInt32(4294967295))) AS completed
FROM video_events
WHERE ts >= {from:DateTime64(3, 'UTC')} AND ts < {to:DateTime64(3, 'UTC')} AND type = 'view'
GROUP BY if({interval:String} = 'day', toStartOfDay(ts, {tz:String}), toStartOfHour(ts, {tz:String})) AS b
ORDER BY b
