-- Trending day lists (docs/scale.md, "Trending"): for each UTC day asked, the newest list's
-- version and threshold ('list' rows) and the last time the day's rollup changed ('change' rows),
-- and the engine's clock ('now'): lists are versioned and judged by the clock that stamps the
-- changes, never the console's (another machine's, or a test's moved clock). Epoch milliseconds.
SELECT 'list' AS kind, bucket AS day, toUnixTimestamp64Milli(max(version)) AS atMs, argMax(threshold, version) AS threshold
FROM video_day_top_meta
WHERE bucket IN {days:Array(DateTime('UTC'))}
GROUP BY bucket
UNION ALL
SELECT 'change' AS kind, bucket AS day, toUnixTimestamp64Milli(max(changed_at)) AS atMs, toUInt64(0) AS threshold
FROM video_day_changes
WHERE bucket IN {days:Array(DateTime('UTC'))}
GROUP BY bucket
UNION ALL
SELECT 'now' AS kind, toDateTime(0, 'UTC') AS day, toUnixTimestamp64Milli(now64(3, 'UTC')) AS atMs, toUInt64(0) AS threshold
