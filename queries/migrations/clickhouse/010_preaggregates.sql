-- Pre-aggregates kept at ingest so that no panel reads a raw event table (docs/scale.md).
--
-- What only raw rows knew is carried on the row at ingest: the video's duration as PostgreSQL
-- knew it when the event arrived (0: the video was unknown) and whether the event named a video
-- or campaign PostgreSQL did not know (an orphan). Rows stored before this migration read 0 for
-- both: never completed, never orphans.
ALTER TABLE video_events ADD COLUMN IF NOT EXISTS video_duration_ms UInt32 DEFAULT 0;
ALTER TABLE video_events ADD COLUMN IF NOT EXISTS orphan UInt8 DEFAULT 0;
ALTER TABLE ad_events ADD COLUMN IF NOT EXISTS orphan UInt8 DEFAULT 0;

-- Completed views (watch_ms >= the video's duration) beside the platform's engagement counts:
-- the watch-time panel's completion rate is completed / views per local hour or day. The column is
-- named with its table: the alias watch_ms (the sum) would shadow it.
ALTER TABLE engagement_15m ADD COLUMN IF NOT EXISTS completed SimpleAggregateFunction(sum, UInt64);

DROP VIEW IF EXISTS engagement_15m_mv;

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
    countIf(type = 'follow') AS follows,
    countIf(type = 'view' AND video_duration_ms > 0 AND video_events.watch_ms >= video_duration_ms) AS completed
FROM video_events
GROUP BY bucket, region, device;

-- One video's watch-time distribution: views per 1-second bin of watch_ms, and completed views,
-- per 15-minute bucket. Sorted by video first: the video page reads one video's rows whatever
-- the table's size. Percentiles of a video's watch time are read off these bins.
CREATE TABLE IF NOT EXISTS video_watch_15m
(
    video_id   UInt64,
    bucket     DateTime('UTC'),
    bin_s      UInt32,
    views      SimpleAggregateFunction(sum, UInt64),
    completed  SimpleAggregateFunction(sum, UInt64)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(bucket)
ORDER BY (video_id, bucket, bin_s)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE MATERIALIZED VIEW IF NOT EXISTS video_watch_15m_mv TO video_watch_15m AS
SELECT
    video_id,
    toStartOfFifteenMinutes(ts) AS bucket,
    intDiv(watch_ms, 1000) AS bin_s,
    count() AS views,
    countIf(video_duration_ms > 0 AND watch_ms >= video_duration_ms) AS completed
FROM video_events
WHERE type = 'view'
GROUP BY video_id, bucket, bin_s;

-- Data quality per stream and 15-minute bucket, counted as rows arrive: rows, empty required
-- columns, orphans and the newest event time. The data-quality panel and its alert rules read these.
CREATE TABLE IF NOT EXISTS video_quality_15m
(
    bucket            DateTime('UTC'),
    rows              SimpleAggregateFunction(sum, UInt64),
    orphans           SimpleAggregateFunction(sum, UInt64),
    empty_user_id     SimpleAggregateFunction(sum, UInt64),
    empty_creator_id  SimpleAggregateFunction(sum, UInt64),
    empty_region      SimpleAggregateFunction(sum, UInt64),
    empty_device      SimpleAggregateFunction(sum, UInt64),
    empty_watch_ms    SimpleAggregateFunction(sum, UInt64),
    newest            SimpleAggregateFunction(max, DateTime64(3, 'UTC'))
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(bucket)
ORDER BY bucket
SETTINGS non_replicated_deduplication_window = 1000;

CREATE MATERIALIZED VIEW IF NOT EXISTS video_quality_15m_mv TO video_quality_15m AS
SELECT
    toStartOfFifteenMinutes(ts) AS bucket,
    count() AS rows,
    sum(toUInt64(orphan)) AS orphans,
    countIf(user_id = 0) AS empty_user_id,
    countIf(creator_id = 0) AS empty_creator_id,
    countIf(region = '') AS empty_region,
    countIf(device = '') AS empty_device,
    countIf(type = 'view' AND watch_ms = 0) AS empty_watch_ms,
    max(ts) AS newest
FROM video_events
GROUP BY bucket;

CREATE TABLE IF NOT EXISTS ad_quality_15m
(
    bucket             DateTime('UTC'),
    rows               SimpleAggregateFunction(sum, UInt64),
    orphans            SimpleAggregateFunction(sum, UInt64),
    empty_user_id      SimpleAggregateFunction(sum, UInt64),
    empty_campaign_id  SimpleAggregateFunction(sum, UInt64),
    empty_region       SimpleAggregateFunction(sum, UInt64),
    empty_device       SimpleAggregateFunction(sum, UInt64),
    newest             SimpleAggregateFunction(max, DateTime64(3, 'UTC'))
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(bucket)
ORDER BY bucket
SETTINGS non_replicated_deduplication_window = 1000;

CREATE MATERIALIZED VIEW IF NOT EXISTS ad_quality_15m_mv TO ad_quality_15m AS
SELECT
    toStartOfFifteenMinutes(ts) AS bucket,
    count() AS rows,
    sum(toUInt64(orphan)) AS orphans,
    countIf(user_id = 0) AS empty_user_id,
    countIf(campaign_id = 0) AS empty_campaign_id,
    countIf(region = '') AS empty_region,
    countIf(device = '') AS empty_device,
    max(ts) AS newest
FROM ad_events
GROUP BY bucket;

CREATE TABLE IF NOT EXISTS request_quality_15m
(
    bucket          DateTime('UTC'),
    rows            SimpleAggregateFunction(sum, UInt64),
    empty_service   SimpleAggregateFunction(sum, UInt64),
    empty_route     SimpleAggregateFunction(sum, UInt64),
    empty_method    SimpleAggregateFunction(sum, UInt64),
    empty_instance  SimpleAggregateFunction(sum, UInt64),
    newest          SimpleAggregateFunction(max, DateTime64(3, 'UTC'))
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(bucket)
ORDER BY bucket
SETTINGS non_replicated_deduplication_window = 1000;

CREATE MATERIALIZED VIEW IF NOT EXISTS request_quality_15m_mv TO request_quality_15m AS
SELECT
    toStartOfFifteenMinutes(ts) AS bucket,
    count() AS rows,
    countIf(service = '') AS empty_service,
    countIf(route = '') AS empty_route,
    countIf(method = '') AS empty_method,
    countIf(instance = '') AS empty_instance,
    max(ts) AS newest
FROM request_metrics
GROUP BY bucket;
