-- Every route's requests per quarter-hour, one row a bucket (docs/scale.md, "What each panel
-- reads"): the overview's API p95 (window and previous window) and its sparkline, and the latency
-- panel's all-routes series, merged the DDSketch states of every route and method of each bucket
-- from route_stats_15m (8 routes on the demo; more on a real API). Fed by route_stats_15m's
-- inserts (a cascade, like engagement_totals_15m). A DDSketch merge adds bin counts, so the
-- merged state per bucket is the same sketch the readers merged before: the same quantiles.

CREATE TABLE IF NOT EXISTS route_totals_15m
(
    bucket      DateTime('UTC'),
    requests    SimpleAggregateFunction(sum, UInt64),
    errors      SimpleAggregateFunction(sum, UInt64),
    duration_q  AggregateFunction(quantilesDD(0.01, 0.5, 0.95, 0.99), Float64)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(bucket)
ORDER BY bucket
SETTINGS non_replicated_deduplication_window = 1000;

CREATE MATERIALIZED VIEW IF NOT EXISTS route_totals_15m_mv TO route_totals_15m AS
SELECT
    route_stats_15m.bucket AS bucket,
    sum(route_stats_15m.requests) AS requests,
    sum(route_stats_15m.errors) AS errors,
    quantilesDDMergeState(0.01, 0.5, 0.95, 0.99)(route_stats_15m.duration_q) AS duration_q
FROM route_stats_15m
GROUP BY bucket;

-- What the route rollup already holds.
INSERT INTO route_totals_15m
SELECT bucket, sum(requests), sum(errors), quantilesDDMergeState(0.01, 0.5, 0.95, 0.99)(duration_q)
FROM route_stats_15m
GROUP BY bucket;
