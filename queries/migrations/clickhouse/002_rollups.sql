-- 15-minute rollups (docs/architecture.md "Data model"): a day in any IANA timezone, including
-- +05:30, +05:45 and DST days, is an exact sum of 15-minute buckets. Panels read these; raw tables
-- serve drill-downs. Counts are SimpleAggregateFunction(sum) (cheap); only reach and latency keep
-- real aggregate states (docs/architecture.md "Engine notes": the states dominate insert cost).

CREATE TABLE IF NOT EXISTS video_stats_15m
(
    bucket      DateTime('UTC'),
    video_id    UInt64,
    creator_id  UInt64,
    views       SimpleAggregateFunction(sum, UInt64),
    watch_ms    SimpleAggregateFunction(sum, UInt64),
    likes       SimpleAggregateFunction(sum, UInt64),
    comments    SimpleAggregateFunction(sum, UInt64),
    shares      SimpleAggregateFunction(sum, UInt64),
    follows     SimpleAggregateFunction(sum, UInt64)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(bucket)
ORDER BY (bucket, video_id, creator_id)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE MATERIALIZED VIEW IF NOT EXISTS video_stats_15m_mv TO video_stats_15m AS
SELECT
    toStartOfFifteenMinutes(ts) AS bucket,
    video_id,
    creator_id,
    countIf(type = 'view') AS views,
    sumIf(toUInt64(watch_ms), type = 'view') AS watch_ms,
    countIf(type = 'like') AS likes,
    countIf(type = 'comment') AS comments,
    countIf(type = 'share') AS shares,
    countIf(type = 'follow') AS follows
FROM video_events
GROUP BY bucket, video_id, creator_id;

-- Platform-wide engagement by region and device (the breakdown of the engagement page).
CREATE TABLE IF NOT EXISTS engagement_15m
(
    bucket    DateTime('UTC'),
    region    LowCardinality(String),
    device    LowCardinality(String),
    views     SimpleAggregateFunction(sum, UInt64),
    watch_ms  SimpleAggregateFunction(sum, UInt64),
    likes     SimpleAggregateFunction(sum, UInt64),
    comments  SimpleAggregateFunction(sum, UInt64),
    shares    SimpleAggregateFunction(sum, UInt64),
    follows   SimpleAggregateFunction(sum, UInt64)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(bucket)
ORDER BY (bucket, region, device)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE MATERIALIZED VIEW IF NOT EXISTS engagement_15m_mv TO engagement_15m AS
SELECT
    toStartOfFifteenMinutes(ts) AS bucket,
    region,
    device,
    countIf(type = 'view') AS views,
    sumIf(toUInt64(watch_ms), type = 'view') AS watch_ms,
    countIf(type = 'like') AS likes,
    countIf(type = 'comment') AS comments,
    countIf(type = 'share') AS shares,
    countIf(type = 'follow') AS follows
FROM video_events
GROUP BY bucket, region, device;

-- Campaign x region x device. Reach is a mergeable uniq state of impression users: never summed.
CREATE TABLE IF NOT EXISTS ad_stats_15m
(
    bucket                   DateTime('UTC'),
    advertiser_id            UInt64,
    campaign_id              UInt64,
    region                   LowCardinality(String),
    device                   LowCardinality(String),
    impressions              SimpleAggregateFunction(sum, UInt64),
    clicks                   SimpleAggregateFunction(sum, UInt64),
    conversions              SimpleAggregateFunction(sum, UInt64),
    views_2s                 SimpleAggregateFunction(sum, UInt64),
    views_6s                 SimpleAggregateFunction(sum, UInt64),
    p25                      SimpleAggregateFunction(sum, UInt64),
    p50                      SimpleAggregateFunction(sum, UInt64),
    p75                      SimpleAggregateFunction(sum, UInt64),
    p100                     SimpleAggregateFunction(sum, UInt64),
    spend_micros             SimpleAggregateFunction(sum, UInt64),
    conversion_value_micros  SimpleAggregateFunction(sum, UInt64),
    play_ms                  SimpleAggregateFunction(sum, UInt64),
    reach                    AggregateFunction(uniq, UInt64)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(bucket)
ORDER BY (advertiser_id, campaign_id, bucket, region, device)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE MATERIALIZED VIEW IF NOT EXISTS ad_stats_15m_mv TO ad_stats_15m AS
SELECT
    toStartOfFifteenMinutes(ts) AS bucket,
    advertiser_id,
    campaign_id,
    region,
    device,
    countIf(type = 'impression') AS impressions,
    countIf(type = 'click') AS clicks,
    countIf(type = 'conversion') AS conversions,
    countIf(type = 'view_2s') AS views_2s,
    countIf(type = 'view_6s') AS views_6s,
    countIf(type = 'p25') AS p25,
    countIf(type = 'p50') AS p50,
    countIf(type = 'p75') AS p75,
    countIf(type = 'p100') AS p100,
    sum(cost_micros) AS spend_micros,
    sum(conversion_value_micros) AS conversion_value_micros,
    sum(toUInt64(play_ms)) AS play_ms,
    uniqStateIf(user_id, type = 'impression') AS reach
FROM ad_events
GROUP BY bucket, advertiser_id, campaign_id, region, device;

-- Per route: requests, server errors, and a DDSketch state of duration (relative error 1%,
-- which is what the latency acceptance asks of p50/p95/p99).
CREATE TABLE IF NOT EXISTS route_stats_15m
(
    bucket       DateTime('UTC'),
    service      LowCardinality(String),
    route        LowCardinality(String),
    method       LowCardinality(String),
    requests     SimpleAggregateFunction(sum, UInt64),
    errors       SimpleAggregateFunction(sum, UInt64),
    duration_sum_ms  SimpleAggregateFunction(sum, Float64),
    duration_q   AggregateFunction(quantilesDD(0.01, 0.5, 0.95, 0.99), Float64)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(bucket)
ORDER BY (bucket, service, route, method)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE MATERIALIZED VIEW IF NOT EXISTS route_stats_15m_mv TO route_stats_15m AS
SELECT
    toStartOfFifteenMinutes(ts) AS bucket,
    service,
    route,
    method,
    count() AS requests,
    countIf(status >= 500) AS errors,
    sum(duration_ms) AS duration_sum_ms,
    quantilesDDState(0.01, 0.5, 0.95, 0.99)(duration_ms) AS duration_q
FROM request_metrics
GROUP BY bucket, service, route, method;
