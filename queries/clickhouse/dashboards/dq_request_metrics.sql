-- Data quality of the request-metrics stream over [from, to), counted as rows arrived: rows and
-- empty required columns from request_quality_15m, and the rollup total of route_stats_15m for
-- rollup vs raw consistency. Request metrics name no entity, so they have no orphans.
SELECT
    (SELECT sum(rows) FROM request_quality_15m WHERE bucket >= {from:DateTime64(3, 'UTC')} AND bucket < {to:DateTime64(3, 'UTC')}) AS rawRows,
    (SELECT sum(requests) FROM route_stats_15m WHERE bucket >= {from:DateTime64(3, 'UTC')} AND bucket < {to:DateTime64(3, 'UTC')}) AS rollupRows,
    (SELECT map('service', sum(empty_service), 'route', sum(empty_route), 'method', sum(empty_method), 'instance', sum(empty_instance))
     FROM request_quality_15m WHERE bucket >= {from:DateTime64(3, 'UTC')} AND bucket < {to:DateTime64(3, 'UTC')}) AS nulls,
    CAST(NULL AS Nullable(UInt64)) AS orphans,
    (SELECT toUnixTimestamp64Milli(max(newest)) FROM request_quality_15m) AS newestMs
