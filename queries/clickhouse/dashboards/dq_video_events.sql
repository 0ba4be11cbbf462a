-- Data quality of the video-events stream over [from, to): raw rows, empty required columns
-- (completeness), and the same window's rollup total (rollup vs raw consistency). Raw and
-- rollup both read by their bucket-first sort keys; the window is aligned to 15 minutes.
SELECT
    (SELECT count() FROM video_events WHERE ts >= {from:DateTime64(3, 'UTC')} AND ts < {to:DateTime64(3, 'UTC')}) AS rawRows,
    (SELECT sum(views + likes + comments + shares + follows) FROM engagement_15m WHERE bucket >= {from:DateTime64(3, 'UTC')} AND bucket < {to:DateTime64(3, 'UTC')}) AS rollupRows,
    (SELECT map('user_id', countIf(user_id = 0), 'creator_id', countIf(creator_id = 0), 'region', countIf(region = ''), 'device', countIf(device = ''), 'watch_ms', countIf(type = 'view' AND watch_ms = 0))
     FROM video_events WHERE ts >= {from:DateTime64(3, 'UTC')} AND ts < {to:DateTime64(3, 'UTC')}) AS nulls,
    (SELECT toUnixTimestamp64Milli(max(ts)) FROM video_events) AS newestMs
