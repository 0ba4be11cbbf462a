-- Campaign report, one row per day in the advertiser's timezone (docs/metrics.md, README#campaigns): sums of the
-- 15-minute rollup, and reach merged from its uniq states at the day grain (never a sum of rows).
-- A day in any IANA zone (+05:45, DST days) is a whole number of 15-minute buckets, so [from, to)
-- at local midnights is exact. Relies on the ad_stats_15m sort key (advertiser_id, campaign_id,
-- bucket, ...); advertiser_id is always given, so another advertiser's campaign reads nothing.
SELECT
    toString(toDate(bucket, {tz:String})) AS date,
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
GROUP BY date
ORDER BY date
