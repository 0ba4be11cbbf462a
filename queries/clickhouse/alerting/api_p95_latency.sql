-- Alert rule api_p95_latency: p95 of request duration per service and route over the 5 whole
-- minutes before the evaluation minute, for routes with at least {min_requests} requests. Reads the
-- minute rollup route_stats_1m (docs/scale.md): its DDSketch has 1 % relative accuracy, the
-- same sketch as the latency panel's, so the alert and the panel agree.
-- Rules that differ only in min_requests share one run (engine: batches.ts).
-- @fanout min_requests requests
SELECT
    service,
    route,
    method,
    sum(requests) AS requests,
    quantilesDDMerge(0.01, 0.5, 0.95, 0.99)(duration_q)[2] AS value
FROM route_stats_1m
WHERE minute >= toStartOfMinute({at:DateTime64(3)}) - INTERVAL 5 MINUTE
  AND minute < toStartOfMinute({at:DateTime64(3)})
GROUP BY service, route, method
HAVING requests >= {min_requests:UInt32}
