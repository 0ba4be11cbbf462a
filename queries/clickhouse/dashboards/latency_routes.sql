-- Latency per route (docs/metrics.md): requests, server errors (status >= 500) and p50/p95/p99 merged
-- from the DDSketch states of route_stats_15m (relative error 1%); no FINAL, the -Merge
-- combinator merges unmerged parts. Sort key (bucket, service, route, method).
SELECT
    t.route,
    t.method,
    sum(t.requests) AS requests,
    sum(t.errors) AS errors,
    quantilesDDMerge(0.01, 0.5, 0.95, 0.99)(t.duration_q) AS q
FROM route_stats_15m AS t
WHERE t.bucket >= {from:DateTime64(3, 'UTC')} AND t.bucket < {to:DateTime64(3, 'UTC')}
GROUP BY t.route, t.method
ORDER BY requests DESC, t.route, t.method
