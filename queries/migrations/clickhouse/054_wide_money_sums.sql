-- Money sums that cannot wrap (docs/hardening.md, issue 17): the campaign rollup's money columns
-- were UInt64 sums, which wrap past 2^64 micros (18.4 million events of the largest amount, 10^12
-- micros, in one campaign x 15 minutes x region x device). They become UInt128 sums: at 10^12 micros
-- an event, 3.4 * 10^26 events to wrap. MODIFY COLUMN rewrites the stored parts, keeping every row.
-- The view is made again so that it sums each inserted block in UInt128 too (its sums were UInt64
-- before reaching the column); between the DROP and the CREATE no insert runs (migrations run
-- before the console takes events).
ALTER TABLE ad_stats_15m
    MODIFY COLUMN spend_micros SimpleAggregateFunction(sum, UInt128),
    MODIFY COLUMN conversion_value_micros SimpleAggregateFunction(sum, UInt128);

DROP VIEW IF EXISTS ad_stats_15m_mv;

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
    sum(toUInt128(cost_micros)) AS spend_micros,
    sum(toUInt128(conversion_value_micros)) AS conversion_value_micros,
    sum(toUInt64(play_ms)) AS play_ms,
    uniqStateIf(user_id, type = 'impression') AS reach
FROM ad_events
GROUP BY bucket, advertiser_id, campaign_id, region, device;
