-- Latency per route (docs/metrics.md): requests, server errors (status >= 500) and p50/p95/p99 merged
-- from DDSketch states (relative error 1%); no FINAL, the -Merge combinator merges unmerged parts.
-- The window is read from the route tiers (ClickHouse 022, docs/latency-tier.md): its whole UTC
-- days [d_from, d_to) from route_stats_1d, its whole hours at the two edges from route_stats_1h,
-- its quarter-hours at the two edges from route_stats_15m_fine (tiers.ts decomposeSpans; an unused
-- span is empty). All three are sorted (bucket, service, route, method) in 64-row granules and hold
-- the same sketches merged: the same sums and quantiles as the window's quarter-hours.
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
ORDER BY requests DESC, route, method
