-- Data quality of the ad-events stream over [from, to): raw rows, empty required columns and
-- the rollup total of ad_stats_15m (counts of every event type) for rollup vs raw consistency.
SELECT
    (SELECT count() FROM ad_events WHERE ts >= {from:DateTime64(3, 'UTC')} AND ts < {to:DateTime64(3, 'UTC')}) AS rawRows,
    (SELECT sum(impressions + clicks + conversions + views_2s + views_6s + p25 + p50 + p75 + p100) FROM ad_stats_15m WHERE bucket >= {from:DateTime64(3, 'UTC')} AND bucket < {to:DateTime64(3, 'UTC')}) AS rollupRows,
    (SELECT map('user_id', countIf(user_id = 0), 'campaign_id', countIf(campaign_id = 0), 'region', countIf(region = ''), 'device', countIf(device = ''))
     FROM ad_events WHERE ts >= {from:DateTime64(3, 'UTC')} AND ts < {to:DateTime64(3, 'UTC')}) AS nulls,
    (SELECT toUnixTimestamp64Milli(max(ts)) FROM ad_events) AS newestMs
