-- Every route's latency over time (the overview's p95 sparkline, the latency series without a
-- route): p50/p95/p99 and error rate per local hour or day, from route_totals_15m (one row per
-- quarter-hour, every route's DDSketch state merged at ingest, ClickHouse 018; sorted by bucket).
-- 15-minute rows fall wholly inside one local hour or day for every offset in use.
SELECT
    formatDateTime(toTimeZone(b, 'UTC'), '%Y-%m-%dT%H:%i:%SZ') AS bucket,
    sum(t.requests) AS requests,
    sum(t.errors) AS errors,
    quantilesDDMerge(0.01, 0.5, 0.95, 0.99)(t.duration_q) AS q
FROM route_totals_15m AS t
WHERE t.bucket >= {from:DateTime64(3, 'UTC')} AND t.bucket < {to:DateTime64(3, 'UTC')}
GROUP BY if({interval:String} = 'day', toStartOfDay(t.bucket, {tz:String}), toStartOfHour(t.bucket, {tz:String})) AS b
ORDER BY b
