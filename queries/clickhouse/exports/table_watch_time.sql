-- The "Watch time and completion" table's CSV rows, written by the engine (docs/exports.md#dashboard-tables):
-- cells as server/metrics/tables.ts's csvCell writes them (see exports/table_engagement.sql), each
-- line ending in CR (TabSeparatedRaw adds the LF). The sums are dashboards/engagement_series.sql's;
-- average watch time and completion rate are ratios of the sums at the output grain.
SELECT concat(arrayStringConcat(arrayConcat(
    arrayMap(s -> if(match(s, '[",\n\r]'), concat('"', replaceAll(s, '"', '""'), '"'), s),
        arrayMap(s -> if(match(s, '^[=+@\t\r-]'), concat('''', s), s), [bucket])),
    arrayMap(v -> if(isNull(v), '', toString(if(v = floor(v), v, (floor(v * 1e6) + (v * 1e6 - floor(v * 1e6) >= 0.5)) / 1e6))),
        [toFloat64(views), if(views = 0, NULL, watchMs / views), if(views = 0, NULL, completed / views)])), ','), '\r') AS line
FROM (
    SELECT
        formatDateTime(toTimeZone(b, 'UTC'), '%Y-%m-%dT%H:%i:%SZ') AS bucket,
        sum(t.views) AS views,
        sum(t.watch_ms) AS watchMs,
        sum(t.completed) AS completed
    FROM engagement_15m AS t
    WHERE t.bucket >= {from:DateTime64(3, 'UTC')} AND t.bucket < {to:DateTime64(3, 'UTC')}
    GROUP BY if({interval:String} = 'day', toStartOfDay(t.bucket, {tz:String}), toStartOfHour(t.bucket, {tz:String})) AS b
)
ORDER BY bucket
