-- Ad events per quarter-hour as ad_stats_15m counted them, bucket first (docs/scale.md, "What
-- each panel reads"): the data-quality panel compares the ad rollup's total with the raw rows,
-- and ad_stats_15m is sorted by advertiser and campaign first, so summing a window there read
-- the window's months whole (~9M rows on the large demo). Fed by ad_stats_15m's inserts (a
-- cascade, like the video tiers), so it counts what that rollup received, one row per bucket.

CREATE TABLE IF NOT EXISTS ad_totals_15m
(
    bucket  DateTime('UTC'),
    events  SimpleAggregateFunction(sum, UInt64)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(bucket)
ORDER BY bucket
SETTINGS non_replicated_deduplication_window = 1000;

CREATE MATERIALIZED VIEW IF NOT EXISTS ad_totals_15m_mv TO ad_totals_15m AS
SELECT
    ad_stats_15m.bucket AS bucket,
    sum(ad_stats_15m.impressions + ad_stats_15m.clicks + ad_stats_15m.conversions + ad_stats_15m.views_2s + ad_stats_15m.views_6s
        + ad_stats_15m.p25 + ad_stats_15m.p50 + ad_stats_15m.p75 + ad_stats_15m.p100) AS events
FROM ad_stats_15m
GROUP BY bucket;

-- What the ad rollup already holds.
INSERT INTO ad_totals_15m
SELECT bucket, sum(impressions + clicks + conversions + views_2s + views_6s + p25 + p50 + p75 + p100)
FROM ad_stats_15m
GROUP BY bucket;
