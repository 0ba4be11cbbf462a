-- Alert rule dq_null_region (data quality, docs/metrics.md null rate per column): share of video
-- events in the day before the evaluation time whose region is empty. Raw video_events by the
-- time bucket of its sort key.
SELECT
    'video_events.region' AS column_name,
    countIf(region = '') / count() AS value
FROM video_events
WHERE ts >= {at:DateTime64(3)} - INTERVAL 1 DAY
  AND ts < {at:DateTime64(3)}
HAVING count() > 0
