-- Minute rollups for the alert rules that look at the last minutes (docs/scale.md, "Alert rules"):
-- video_view_drop (views per video, 10 minutes against the hour before) and api_p95_latency /
-- api_5xx_rate (requests, 5xx and a latency sketch per route, 5 minutes). The 15-minute rollups
-- are too coarse for a 5- or 10-minute window, and reading the raw tables on every evaluation is
-- what the pre-aggregates are there to avoid. No TTL, like the other rollups: a backtest or a
-- rebuild over any past month answers as live evaluation did.

CREATE TABLE IF NOT EXISTS video_views_1m
(
    minute      DateTime('UTC'),
    video_id    UInt64,
    views       SimpleAggregateFunction(sum, UInt64)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(minute)
ORDER BY (minute, video_id)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE MATERIALIZED VIEW IF NOT EXISTS video_views_1m_mv TO video_views_1m AS
SELECT
    toStartOfMinute(ts) AS minute,
    video_id,
    count() AS views
FROM video_events
WHERE type = 'view'
GROUP BY minute, video_id;

CREATE TABLE IF NOT EXISTS route_stats_1m
(
    minute      DateTime('UTC'),
    service     LowCardinality(String),
    route       LowCardinality(String),
    method      LowCardinality(String),
    requests    SimpleAggregateFunction(sum, UInt64),
    errors      SimpleAggregateFunction(sum, UInt64),
    duration_q  AggregateFunction(quantilesDD(0.01, 0.5, 0.95, 0.99), Float64)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(minute)
ORDER BY (minute, service, route, method)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE MATERIALIZED VIEW IF NOT EXISTS route_stats_1m_mv TO route_stats_1m AS
SELECT
    toStartOfMinute(ts) AS minute,
    service,
    route,
    method,
    count() AS requests,
    countIf(status >= 500) AS errors,
    quantilesDDState(0.01, 0.5, 0.95, 0.99)(duration_ms) AS duration_q
FROM request_metrics
GROUP BY minute, service, route, method;
