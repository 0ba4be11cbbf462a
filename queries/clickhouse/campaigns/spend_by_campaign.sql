-- Spend to date of the campaigns on the campaigns page, from the 15-minute rollup. The list of ids
-- comes from the scoped PostgreSQL list; advertiser_id (NULL for admins and analysts) scopes this
-- read too. Relies on the ad_stats_15m sort key (advertiser_id, campaign_id, ...).
SELECT
    campaign_id AS campaignId,
    toString(sum(spend_micros)) AS spendMicros,
    toUInt64(sum(impressions)) AS impressions
FROM ad_stats_15m
WHERE ({advertiser_id:Nullable(UInt64)} IS NULL OR advertiser_id = {advertiser_id:Nullable(UInt64)})
  AND campaign_id IN {campaign_ids:Array(UInt64)}
GROUP BY campaign_id
