-- The hourly per-video tier again, sorted by video first (docs/scale.md, "Trending"): the trending
-- panel reads a few hundred videos' figures over a window and the ranges beside it, and in the
-- bucket-first tiers a few hundred ids spread over ~280k videos a day touch nearly every granule
-- of every day. Sorted (video_id, bucket) with small granules, one video's hours are adjacent:
-- the read grows with the videos asked and the hours of their ranges, not with the videos of the
-- day. Fed by the hourly tier (an insert into video_stats_15m cascades here too).

CREATE TABLE IF NOT EXISTS video_stats_1h_by_video
(
    bucket      DateTime('UTC'),
    video_id    UInt64,
    creator_id  UInt64,
    views       SimpleAggregateFunction(sum, UInt64),
    watch_ms    SimpleAggregateFunction(sum, UInt64),
    likes       SimpleAggregateFunction(sum, UInt64),
    comments    SimpleAggregateFunction(sum, UInt64),
    shares      SimpleAggregateFunction(sum, UInt64)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(bucket)
ORDER BY (video_id, bucket, creator_id)
SETTINGS non_replicated_deduplication_window = 1000, index_granularity = 256;

CREATE MATERIALIZED VIEW IF NOT EXISTS video_stats_1h_by_video_mv TO video_stats_1h_by_video AS
SELECT
    video_stats_1h.bucket AS bucket,
    video_id,
    creator_id,
    sum(video_stats_1h.views) AS views,
    sum(video_stats_1h.watch_ms) AS watch_ms,
    sum(video_stats_1h.likes) AS likes,
    sum(video_stats_1h.comments) AS comments,
    sum(video_stats_1h.shares) AS shares
FROM video_stats_1h
GROUP BY bucket, video_id, creator_id;

-- What the hourly tier already holds.
INSERT INTO video_stats_1h_by_video
SELECT bucket, video_id, creator_id, sum(views), sum(watch_ms), sum(likes), sum(comments), sum(shares)
FROM video_stats_1h
GROUP BY bucket, video_id, creator_id;
