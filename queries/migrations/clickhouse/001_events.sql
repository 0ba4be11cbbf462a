-- Raw event tables (docs/architecture.md "Data model"). Sort keys start with the 15-minute bucket,
-- then the entity, so time-range scans and per-entity drill-downs read few granules; partitions by
-- month. non_replicated_deduplication_window lets a retried insert with the same
-- insert_deduplication_token count once (docs/architecture.md "Engine notes": needed on the raw
-- table AND on every materialized view's target table, or the rollups double count).

CREATE TABLE IF NOT EXISTS video_events
(
    event_id    UUID,
    ts          DateTime64(3, 'UTC'),
    type        Enum8('view' = 1, 'like' = 2, 'comment' = 3, 'share' = 4, 'follow' = 5),
    video_id    UInt64,
    creator_id  UInt64,
    user_id     UInt64,
    watch_ms    UInt32,
    region      LowCardinality(String),
    device      LowCardinality(String),
    ingested_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(ts)
ORDER BY (toStartOfFifteenMinutes(ts), video_id, ts)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE TABLE IF NOT EXISTS ad_events
(
    event_id                 UUID,
    ts                       DateTime64(3, 'UTC'),
    type                     Enum8('impression' = 1, 'click' = 2, 'conversion' = 3, 'view_2s' = 4,
                                   'view_6s' = 5, 'p25' = 6, 'p50' = 7, 'p75' = 8, 'p100' = 9),
    advertiser_id            UInt64,
    campaign_id              UInt64,
    user_id                  UInt64,
    cost_micros              UInt64,
    conversion_value_micros  UInt64,
    play_ms                  UInt32,
    region                   LowCardinality(String),
    device                   LowCardinality(String),
    ingested_at              DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(ts)
ORDER BY (advertiser_id, campaign_id, ts, event_id)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE TABLE IF NOT EXISTS request_metrics
(
    ts           DateTime64(3, 'UTC'),
    service      LowCardinality(String),
    route        LowCardinality(String),
    method       LowCardinality(String),
    status       UInt16,
    duration_ms  Float64,
    instance     LowCardinality(String)
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(ts)
ORDER BY (toStartOfFifteenMinutes(ts), service, route, method, ts)
TTL toDateTime(ts) + INTERVAL 90 DAY
SETTINGS non_replicated_deduplication_window = 1000;
