-- Alert rule api_5xx_rate: share of responses with status >= 500 per service over the 5 minutes
-- before the evaluation time, for services with at least {min_requests} requests. Raw
-- request_metrics by its sort key (15-minute bucket, then service).
-- Rules that differ only in min_requests share one run (engine: batches.ts).
-- @fanout min_requests requests
SELECT
    service,
    count() AS requests,
    countIf(status >= 500) AS errors,
    errors / requests AS value
FROM request_metrics
WHERE ts >= {at:DateTime64(3)} - INTERVAL 5 MINUTE
  AND ts < {at:DateTime64(3)}
GROUP BY service
HAVING requests >= {min_requests:UInt32}
