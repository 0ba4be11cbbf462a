-- The "Latency per route" table's CSV rows, written by the engine (docs/exports.md#dashboard-tables):
-- cells as server/metrics/tables.ts's csvCell writes them (see exports/table_engagement.sql; route
-- and method are ingest text), each line ending in CR. The percentiles are rounded half up to 3
-- decimals first, as the latency panel shows them (dashboards.shapes.ts qv). Sums, sketches and order
-- are dashboards/latency_routes.sql's (the route tiers, DDSketch relative error 1%).
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
    FROM
    (
        SELECT route, method, requests, errors, duration_q
        FROM route_stats_1d
        WHERE bucket >= {d_from:DateTime64(3, 'UTC')} AND bucket < {d_to:DateTime64(3, 'UTC')}
        UNION ALL
        SELECT route, method, requests, errors, duration_q
        FROM route_stats_1h
        WHERE (bucket >= {h1_from:DateTime64(3, 'UTC')} AND bucket < {h1_to:DateTime64(3, 'UTC')})
           OR (bucket >= {h2_from:DateTime64(3, 'UTC')} AND bucket < {h2_to:DateTime64(3, 'UTC')})
        UNION ALL
        SELECT route, method, requests, errors, duration_q
        FROM route_stats_15m_fine
        WHERE (bucket >= {r1_from:DateTime64(3, 'UTC')} AND bucket < {r1_to:DateTime64(3, 'UTC')})
           OR (bucket >= {r2_from:DateTime64(3, 'UTC')} AND bucket < {r2_to:DateTime64(3, 'UTC')})
    ) AS t
    GROUP BY t.route, t.method
)
ORDER BY requests DESC, route, method
