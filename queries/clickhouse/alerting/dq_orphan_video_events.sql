-- Alert rule dq_orphan_video_events (data quality: orphan references): video events of the 3
-- days before the evaluation time that name a video id above {max_video_id}, the highest id the
-- catalogue can hold. ClickHouse cannot see PostgreSQL, so the bound is a rule parameter.
SELECT
    'video_events.video_id' AS reference,
    countIf(video_id > {max_video_id:UInt64} OR video_id = 0) AS value
FROM video_events
WHERE ts >= {at:DateTime64(3)} - INTERVAL 3 DAY
  AND ts < {at:DateTime64(3)}
