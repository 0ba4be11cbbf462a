-- Campaign report totals over [from, to) (docs/metrics.md): raw sums of the range and reach merged from
-- every uniq state of the range, so the totals row is not a sum of the daily rows (reach would
-- double count a user seen on two days). Relies on the ad_stats_15m sort key (advertiser_id,
-- campaign_id, bucket, ...).
SELECT
    toUInt64(sum(impressions)) AS impressions,
    toUInt64(uniqMerge(reach)) AS reach,
    toUInt64(sum(clicks)) AS clicks,
    toUInt64(sum(conversions)) AS conversions,
    toUInt64(sum(views_2s)) AS views2s,
    toUInt64(sum(views_6s)) AS views6s,
    toUInt64(sum(p25)) AS p25,
    toUInt64(sum(p50)) AS p50,
    toUInt64(sum(p75)) AS p75,
    toUInt64(sum(p100)) AS p100,
    toString(sum(spend_micros)) AS spendMicros,
    toString(sum(conversion_value_micros)) AS conversionValueMicros,
    toUInt64(sum(play_ms)) AS playMs
FROM ad_stats_15m
WHERE advertiser_id = {advertiser_id:UInt64}
  AND campaign_id = {campaign_id:UInt64}
  AND bucket >= {from:DateTime64(3, 'UTC')}
  AND bucket < {to:DateTime64(3, 'UTC')}
