-- The "Engagement by segment" table's CSV rows, written by the engine (docs/exports.md#dashboard-tables):
-- cells as server/metrics/tables.ts's csvCell writes them (see exports/table_engagement.sql; the
-- segment is ingest text, so its formula starts are neutralised), each line ending in CR. The sums
-- and order are dashboards/engagement_breakdown.sql's ({by} 'region' or 'device' from a closed enum).
SELECT concat(arrayStringConcat(arrayConcat(
    arrayMap(s -> if(match(s, '[",\n\r]'), concat('"', replaceAll(s, '"', '""'), '"'), s),
        arrayMap(s -> if(match(s, '^[=+@\t\r-]'), concat('''', s), s), [segment])),
    arrayMap(v -> if(isNull(v), '', toString(if(v = floor(v), v, (floor(v * 1e6) + (v * 1e6 - floor(v * 1e6) >= 0.5)) / 1e6))),
        [toFloat64(views), toFloat64(likes), toFloat64(comments), toFloat64(shares),
         if(views = 0, NULL, (likes + comments + shares) / views), if(views = 0, NULL, watchMs / views)])), ','), '\r') AS line
FROM (
    SELECT
        if({by:String} = 'region', t.region, t.device) AS segment,
        sum(t.views) AS views,
        sum(t.likes) AS likes,
        sum(t.comments) AS comments,
        sum(t.shares) AS shares,
        sum(t.watch_ms) AS watchMs
    FROM engagement_15m AS t
    WHERE t.bucket >= {from:DateTime64(3, 'UTC')} AND t.bucket < {to:DateTime64(3, 'UTC')}
    GROUP BY segment
)
ORDER BY views DESC, segment
