-- The "Engagement over time" table's CSV rows, written by the engine (docs/exports.md#dashboard-tables):
-- one line per bucket, each cell as server/metrics/tables.ts's csvCell writes it (text: a formula
-- start gets a leading ', then RFC 4180 quoting; numbers: integers as they are, others rounded half
-- up to 6 decimals; no value: empty), ending in CR (FORMAT TabSeparatedRaw adds the LF). The sums
-- are dashboards/engagement_series.sql's (engagement_15m by its sort key; {interval} 'hour' or 'day').
SELECT concat(arrayStringConcat(arrayConcat(
    arrayMap(s -> if(match(s, '[",\n\r]'), concat('"', replaceAll(s, '"', '""'), '"'), s),
        arrayMap(s -> if(match(s, '^[=+@\t\r-]'), concat('''', s), s), [bucket])),
    arrayMap(v -> if(isNull(v), '', toString(if(v = floor(v), v, (floor(v * 1e6) + (v * 1e6 - floor(v * 1e6) >= 0.5)) / 1e6))),
        [toFloat64(views), toFloat64(likes), toFloat64(comments), toFloat64(shares),
         if(views = 0, NULL, (likes + comments + shares) / views)])), ','), '\r') AS line
FROM (
    SELECT
        formatDateTime(toTimeZone(b, 'UTC'), '%Y-%m-%dT%H:%i:%SZ') AS bucket,
        sum(t.views) AS views,
        sum(t.likes) AS likes,
        sum(t.comments) AS comments,
        sum(t.shares) AS shares
    FROM engagement_15m AS t
    WHERE t.bucket >= {from:DateTime64(3, 'UTC')} AND t.bucket < {to:DateTime64(3, 'UTC')}
    GROUP BY if({interval:String} = 'day', toStartOfDay(t.bucket, {tz:String}), toStartOfHour(t.bucket, {tz:String})) AS b
)
ORDER BY bucket
