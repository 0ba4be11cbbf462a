-- Alert rule dq_orphans (data quality: orphan references): per reference, the events of the 3
-- days before the evaluation time that named a video (video_events.video_id) or a campaign
-- (ad_events.campaign_id) PostgreSQL did not know when they were ingested, from
-- video_quality_15m and ad_quality_15m (ingest sets each row's orphan flag, docs/scale.md), so it
-- holds on any data and ids. Both references always answer a row (0 when none).
SELECT
    'video_events.video_id' AS reference,
    sum(orphans) AS value
FROM video_quality_15m
WHERE bucket >= toStartOfFifteenMinutes({at:DateTime64(3)}) - INTERVAL 3 DAY
  AND bucket < toStartOfFifteenMinutes({at:DateTime64(3)})
UNION ALL
SELECT
    'ad_events.campaign_id' AS reference,
    sum(orphans) AS value
FROM ad_quality_15m
WHERE bucket >= toStartOfFifteenMinutes({at:DateTime64(3)}) - INTERVAL 3 DAY
  AND bucket < toStartOfFifteenMinutes({at:DateTime64(3)})
