-- Data quality of the ad-events stream over [from, to), counted as rows arrived: rows, empty
-- required columns and orphans (events about a campaign PostgreSQL did not know at ingest) from
-- ad_quality_15m, and the rollup total of ad_stats_15m (every event type) for rollup vs raw, read
-- from ad_totals_15m (fed by ad_stats_15m's inserts, sorted by bucket: one row per quarter-hour).
SELECT
    (SELECT sum(rows) FROM ad_quality_15m WHERE bucket >= {from:DateTime64(3, 'UTC')} AND bucket < {to:DateTime64(3, 'UTC')}) AS rawRows,
    (SELECT sum(events) FROM ad_totals_15m WHERE bucket >= {from:DateTime64(3, 'UTC')} AND bucket < {to:DateTime64(3, 'UTC')}) AS rollupRows,
    (SELECT tuple(map('user_id', sum(empty_user_id), 'campaign_id', sum(empty_campaign_id), 'region', sum(empty_region), 'device', sum(empty_device)), sum(orphans))
     FROM ad_quality_15m WHERE bucket >= {from:DateTime64(3, 'UTC')} AND bucket < {to:DateTime64(3, 'UTC')}) AS counts,
    counts.1 AS nulls,
    counts.2 AS orphans,
    (SELECT toUnixTimestamp64Milli(max(newest)) FROM ad_quality_15m) AS newestMs
