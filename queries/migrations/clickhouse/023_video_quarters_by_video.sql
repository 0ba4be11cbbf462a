-- The per-video quarter-hour rollup again, sorted by video first in 256-row granules
-- (docs/latency-tier.md, "Video page at large"): the video page reads a window's whole hours from
-- video_stats_1h_by_video and its edge quarter-hours (2-6 of them) here. In video_stats_15m
-- (sorted by bucket, then video, 8,192-row granules) each edge quarter-hour cost a granule in every
-- part holding it: 147k rows a window on the large demo (13 parts) against 16k at default. Here
-- one video's quarter-hours are adjacent, so a part costs a granule or two of 256 rows. Fed by
-- video_stats_15m's inserts (a cascade, like the hourly tier).

CREATE TABLE IF NOT EXISTS video_stats_15m_by_video
(
    bucket      DateTime('UTC'),
    video_id    UInt64,
    views       SimpleAggregateFunction(sum, UInt64),
    watch_ms    SimpleAggregateFunction(sum, UInt64),
    likes       SimpleAggregateFunction(sum, UInt64),
    comments    SimpleAggregateFunction(sum, UInt64),
    shares      SimpleAggregateFunction(sum, UInt64)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(bucket)
ORDER BY (video_id, bucket)
SETTINGS non_replicated_deduplication_window = 1000, index_granularity = 256, min_compress_block_size = 4096, max_compress_block_size = 16384;

CREATE MATERIALIZED VIEW IF NOT EXISTS video_stats_15m_by_video_mv TO video_stats_15m_by_video AS
SELECT
    video_stats_15m.bucket AS bucket,
    video_id,
    sum(video_stats_15m.views) AS views,
    sum(video_stats_15m.watch_ms) AS watch_ms,
    sum(video_stats_15m.likes) AS likes,
    sum(video_stats_15m.comments) AS comments,
    sum(video_stats_15m.shares) AS shares
FROM video_stats_15m
GROUP BY bucket, video_id;

-- What the quarter-hour rollup already holds, row for row (the engine sums equal keys as parts
-- merge; readers sum): no grouping of every key at once (~30M rows on the large demo).
INSERT INTO video_stats_15m_by_video
SELECT bucket, video_id, views, watch_ms, likes, comments, shares
FROM video_stats_15m;
