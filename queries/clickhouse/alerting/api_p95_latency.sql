-- Alert rule api_p95_latency: p95 of request duration per service and route over the 5 minutes
-- before the evaluation time, for routes with at least {min_requests} requests. Raw
-- request_metrics (sort key: 15-minute bucket, service, route): 5 minutes is below the rollup grain.
-- Rules that differ only in min_requests share one run (engine: batches.ts).
-- @fanout min_requests requests
SELECT
    service,
    route,
    method,
    count() AS requests,
    quantile(0.95)(duration_ms) AS value
FROM request_metrics
WHERE ts >= {at:DateTime64(3)} - INTERVAL 5 MINUTE
  AND ts < {at:DateTime64(3)}
GROUP BY service, route, method
HAVING requests >= {min_requests:UInt32}
