-- Data quality of the request-metrics stream over [from, to): raw rows, empty required columns
-- and the rollup total of route_stats_15m for rollup vs raw consistency.
SELECT
    (SELECT count() FROM request_metrics WHERE ts >= {from:DateTime64(3, 'UTC')} AND ts < {to:DateTime64(3, 'UTC')}) AS rawRows,
    (SELECT sum(requests) FROM route_stats_15m WHERE bucket >= {from:DateTime64(3, 'UTC')} AND bucket < {to:DateTime64(3, 'UTC')}) AS rollupRows,
    (SELECT map('service', countIf(service = ''), 'route', countIf(route = ''), 'method', countIf(method = ''), 'instance', countIf(instance = ''))
     FROM request_metrics WHERE ts >= {from:DateTime64(3, 'UTC')} AND ts < {to:DateTime64(3, 'UTC')}) AS nulls,
    (SELECT toUnixTimestamp64Milli(max(ts)) FROM request_metrics) AS newestMs
