-- Coarser tiers of the per-video rollup (docs/scale.md): whole UTC hours and whole UTC days,
-- each fed by the tier below (an insert into video_stats_15m cascades), so a long window reads
-- a few day rows per video instead of 96 quarter-hours a day. Panels stay exact in every IANA
-- zone by reading whole coarse buckets inside a range and finer ones at its edges, where a local
-- day or the window starts mid-hour or mid-day (+05:30, +05:45, DST days).

CREATE TABLE IF NOT EXISTS video_stats_1h
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

CREATE MATERIALIZED VIEW IF NOT EXISTS video_stats_1h_mv TO video_stats_1h AS
SELECT
    toStartOfHour(video_stats_15m.bucket) AS bucket,
    video_id,
    creator_id,
    sum(video_stats_15m.views) AS views,
    sum(video_stats_15m.watch_ms) AS watch_ms,
    sum(video_stats_15m.likes) AS likes,
    sum(video_stats_15m.comments) AS comments,
    sum(video_stats_15m.shares) AS shares,
    sum(video_stats_15m.follows) AS follows
FROM video_stats_15m
GROUP BY bucket, video_id, creator_id;

CREATE TABLE IF NOT EXISTS video_stats_1d
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

CREATE MATERIALIZED VIEW IF NOT EXISTS video_stats_1d_mv TO video_stats_1d AS
SELECT
    toStartOfDay(video_stats_1h.bucket) AS bucket,
    video_id,
    creator_id,
    sum(video_stats_1h.views) AS views,
    sum(video_stats_1h.watch_ms) AS watch_ms,
    sum(video_stats_1h.likes) AS likes,
    sum(video_stats_1h.comments) AS comments,
    sum(video_stats_1h.shares) AS shares,
    sum(video_stats_1h.follows) AS follows
FROM video_stats_1h
GROUP BY bucket, video_id, creator_id;
