-- The "Latency per route" table's CSV rows, written by the engine (docs/exports.md#dashboard-tables):
-- cells as server/metrics/tables.ts's csvCell writes them (see exports/table_engagement.sql; route
-- and method are ingest text), each line ending in CR. The percentiles are rounded half up to 3
-- decimals first, as the latency panel shows them (dashboards.shapes.ts qv). Sums, sketches and order
-- are dashboards/latency_routes.sql's (route_stats_15m, DDSketch relative error 1%).
SELECT concat(arrayStringConcat(arrayConcat(
    arrayMap(s -> if(match(s, '[",\n\r]'), concat('"', replaceAll(s, '"', '""'), '"'), s),
        arrayMap(s -> if(match(s, '^[=+@\t\r-]'), concat('''', s), s), [route, method])),
    arrayMap(v -> if(isNull(v), '', toString(if(v = floor(v), v, (floor(v * 1e6) + (v * 1e6 - floor(v * 1e6) >= 0.5)) / 1e6))),
        arrayConcat([toNullable(toFloat64(requests))],
            arrayMap(x -> if(isFinite(x), (floor(x * 1000) + (x * 1000 - floor(x * 1000) >= 0.5)) / 1000, NULL), q),
            [if(requests = 0, NULL, errors / requests)]))), ','), '\r') AS line
FROM (
    SELECT
        t.route AS route,
        t.method AS method,
        sum(t.requests) AS requests,
        sum(t.errors) AS errors,
        quantilesDDMerge(0.01, 0.5, 0.95, 0.99)(t.duration_q) AS q
    FROM route_stats_15m AS t
    WHERE t.bucket >= {from:DateTime64(3, 'UTC')} AND t.bucket < {to:DateTime64(3, 'UTC')}
    GROUP BY t.route, t.method
)
ORDER BY requests DESC, route, method
