-- The platform's engagement per quarter-hour, every region and device together (docs/scale.md,
-- "What each panel reads"): the overview's totals and sparklines, the engagement and watch-time
-- series and data quality's rollup-vs-raw count sum the whole platform per bucket, and
-- engagement_15m holds ~250 region × device rows a bucket on the large demo (171k rows a week).
-- One row a bucket here, fed by engagement_15m's inserts (a cascade, like the video tiers).

CREATE TABLE IF NOT EXISTS engagement_totals_15m
(
    bucket     DateTime('UTC'),
    views      SimpleAggregateFunction(sum, UInt64),
    watch_ms   SimpleAggregateFunction(sum, UInt64),
    likes      SimpleAggregateFunction(sum, UInt64),
    comments   SimpleAggregateFunction(sum, UInt64),
    shares     SimpleAggregateFunction(sum, UInt64),
    follows    SimpleAggregateFunction(sum, UInt64),
    completed  SimpleAggregateFunction(sum, UInt64)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(bucket)
ORDER BY bucket
SETTINGS non_replicated_deduplication_window = 1000;

CREATE MATERIALIZED VIEW IF NOT EXISTS engagement_totals_15m_mv TO engagement_totals_15m AS
SELECT
    engagement_15m.bucket AS bucket,
    sum(engagement_15m.views) AS views,
    sum(engagement_15m.watch_ms) AS watch_ms,
    sum(engagement_15m.likes) AS likes,
    sum(engagement_15m.comments) AS comments,
    sum(engagement_15m.shares) AS shares,
    sum(engagement_15m.follows) AS follows,
    sum(engagement_15m.completed) AS completed
FROM engagement_15m
GROUP BY bucket;

-- What the engagement rollup already holds.
INSERT INTO engagement_totals_15m
SELECT bucket, sum(views), sum(watch_ms), sum(likes), sum(comments), sum(shares), sum(follows), sum(completed)
FROM engagement_15m
GROUP BY bucket;
