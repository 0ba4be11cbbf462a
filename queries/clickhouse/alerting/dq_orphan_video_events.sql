-- Alert rule dq_orphan_video_events (data quality: orphan references): video events of the 3
-- days before the evaluation time that named a video PostgreSQL did not know when they were
-- ingested, from video_quality_15m (the orphan flag is set at ingest, docs/scale.md).
SELECT
    'video_events.video_id' AS reference,
    sum(orphans) AS value
FROM video_quality_15m
WHERE bucket >= toStartOfFifteenMinutes({at:DateTime64(3)}) - INTERVAL 3 DAY
  AND bucket < toStartOfFifteenMinutes({at:DateTime64(3)})
