-- Alert rule api_5xx_rate: share of responses with status >= 500 per service over the 5 whole
-- minutes before the evaluation minute, for services with at least {min_requests} requests. Reads
-- the minute rollup route_stats_1m (docs/scale.md), not the raw request_metrics.
-- Rules that differ only in min_requests share one run (engine: batches.ts).
-- @fanout min_requests requests
SELECT
    service,
    sum(requests) AS requests,
    sum(errors) AS errors,
    errors / requests AS value
FROM route_stats_1m
WHERE minute >= toStartOfMinute({at:DateTime64(3)}) - INTERVAL 5 MINUTE
  AND minute < toStartOfMinute({at:DateTime64(3)})
GROUP BY service
HAVING requests >= {min_requests:UInt32}
