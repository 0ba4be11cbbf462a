-- Tiers of the per-route rollup for the latency panel (docs/latency-tier.md): whole UTC hours and
-- whole UTC days per service, route and method, each fed by the tier below (an insert into
-- route_stats_15m cascades to the hour, then the day, as video_stats_1h / _1d are), and the
-- quarter-hours again in route_stats_15m_fine. The panel (and its CSV) sums a window's requests
-- and merges its DDSketch states per route: 96 quarter-hour rows a day per route, now one day row,
-- with whole hours and quarter-hours only at the edges (server/features/dashboards/tiers.ts).
-- A DDSketch merge adds the bin counts of sketches of the same relative accuracy, so a day's state
-- is the state its quarter-hours merge to: the same quantiles, to the bit
-- (test/integration/latency-tiers.test.ts, against one sketch over the raw rows).
--
-- Granules of 64 rows: route_stats_15m's 8,192-row granules hold ~10 days of 8 routes, so a
-- window's few edge quarter-hours there read as many states as the whole window did (the index
-- granularity of a table is fixed when it is made, hence the fine copy of the quarter-hours).

CREATE TABLE IF NOT EXISTS route_stats_15m_fine
(
    bucket      DateTime('UTC'),
    service     LowCardinality(String),
    route       LowCardinality(String),
    method      LowCardinality(String),
    requests    SimpleAggregateFunction(sum, UInt64),
    errors      SimpleAggregateFunction(sum, UInt64),
    duration_q  AggregateFunction(quantilesDD(0.01, 0.5, 0.95, 0.99), Float64)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(bucket)
ORDER BY (bucket, service, route, method)
SETTINGS non_replicated_deduplication_window = 1000, index_granularity = 64;

CREATE MATERIALIZED VIEW IF NOT EXISTS route_stats_15m_fine_mv TO route_stats_15m_fine AS
SELECT
    route_stats_15m.bucket AS bucket,
    service,
    route,
    method,
    sum(route_stats_15m.requests) AS requests,
    sum(route_stats_15m.errors) AS errors,
    quantilesDDMergeState(0.01, 0.5, 0.95, 0.99)(route_stats_15m.duration_q) AS duration_q
FROM route_stats_15m
GROUP BY bucket, service, route, method;

CREATE TABLE IF NOT EXISTS route_stats_1h
(
    bucket      DateTime('UTC'),
    service     LowCardinality(String),
    route       LowCardinality(String),
    method      LowCardinality(String),
    requests    SimpleAggregateFunction(sum, UInt64),
    errors      SimpleAggregateFunction(sum, UInt64),
    duration_q  AggregateFunction(quantilesDD(0.01, 0.5, 0.95, 0.99), Float64)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(bucket)
ORDER BY (bucket, service, route, method)
SETTINGS non_replicated_deduplication_window = 1000, index_granularity = 64;

CREATE MATERIALIZED VIEW IF NOT EXISTS route_stats_1h_mv TO route_stats_1h AS
SELECT
    toStartOfHour(route_stats_15m.bucket) AS bucket,
    service,
    route,
    method,
    sum(route_stats_15m.requests) AS requests,
    sum(route_stats_15m.errors) AS errors,
    quantilesDDMergeState(0.01, 0.5, 0.95, 0.99)(route_stats_15m.duration_q) AS duration_q
FROM route_stats_15m
GROUP BY bucket, service, route, method;

CREATE TABLE IF NOT EXISTS route_stats_1d
(
    bucket      DateTime('UTC'),
    service     LowCardinality(String),
    route       LowCardinality(String),
    method      LowCardinality(String),
    requests    SimpleAggregateFunction(sum, UInt64),
    errors      SimpleAggregateFunction(sum, UInt64),
    duration_q  AggregateFunction(quantilesDD(0.01, 0.5, 0.95, 0.99), Float64)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(bucket)
ORDER BY (bucket, service, route, method)
SETTINGS non_replicated_deduplication_window = 1000, index_granularity = 64;

CREATE MATERIALIZED VIEW IF NOT EXISTS route_stats_1d_mv TO route_stats_1d AS
SELECT
    toStartOfDay(route_stats_1h.bucket) AS bucket,
    service,
    route,
    method,
    sum(route_stats_1h.requests) AS requests,
    sum(route_stats_1h.errors) AS errors,
    quantilesDDMergeState(0.01, 0.5, 0.95, 0.99)(route_stats_1h.duration_q) AS duration_q
FROM route_stats_1h
GROUP BY bucket, service, route, method;

-- What the quarter-hour rollup already holds: the fine copy, and the hour tier, whose insert
-- cascades to the day.
INSERT INTO route_stats_15m_fine
SELECT bucket, service, route, method, sum(requests), sum(errors), quantilesDDMergeState(0.01, 0.5, 0.95, 0.99)(duration_q)
FROM route_stats_15m
GROUP BY bucket, service, route, method;

INSERT INTO route_stats_1h
SELECT toStartOfHour(bucket) AS h, service, route, method, sum(requests), sum(errors), quantilesDDMergeState(0.01, 0.5, 0.95, 0.99)(duration_q)
FROM route_stats_15m
GROUP BY h, service, route, method;
