-- Alert rule dq_null_region (data quality, docs/metrics.md null rate per column): share of video
-- events in the day before the evaluation time whose region is empty, from video_quality_15m
-- (counted at ingest, docs/scale.md): the 96 quarter-hours before the one holding {at}.
SELECT
    'video_events.region' AS column_name,
    sum(empty_region) / sum(rows) AS value
FROM video_quality_15m
WHERE bucket >= toStartOfFifteenMinutes({at:DateTime64(3)}) - INTERVAL 1 DAY
  AND bucket < toStartOfFifteenMinutes({at:DateTime64(3)})
HAVING sum(rows) > 0
