-- One route's latency over time: p50/p95/p99 and error rate per local hour or day, merged from
-- route_stats_15m's DDSketch states (sort key bucket, service, route, method). Every route's
-- series is latency_series_all.sql (route_totals_15m).
SELECT
    formatDateTime(toTimeZone(b, 'UTC'), '%Y-%m-%dT%H:%i:%SZ') AS bucket,
    sum(t.requests) AS requests,
    sum(t.errors) AS errors,
    quantilesDDMerge(0.01, 0.5, 0.95, 0.99)(t.duration_q) AS q
FROM route_stats_15m AS t
WHERE t.bucket >= {from:DateTime64(3, 'UTC')} AND t.bucket < {to:DateTime64(3, 'UTC')}
  AND t.route = {route:String} AND t.method = {method:String}
GROUP BY if({interval:String} = 'day', toStartOfDay(t.bucket, {tz:String}), toStartOfHour(t.bucket, {tz:String})) AS b
ORDER BY b
