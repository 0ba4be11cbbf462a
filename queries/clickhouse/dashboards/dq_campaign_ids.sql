-- Orphan check of ad events (data quality): events per campaign id in the window from
-- ad_stats_15m; PostgreSQL then says which campaigns exist.
SELECT campaign_id AS id, sum(impressions + clicks + conversions + views_2s + views_6s + p25 + p50 + p75 + p100) AS events
FROM ad_stats_15m
WHERE bucket >= {from:DateTime64(3, 'UTC')} AND bucket < {to:DateTime64(3, 'UTC')}
GROUP BY campaign_id
