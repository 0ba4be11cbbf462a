-- Alert rule ingest_freshness: seconds between the evaluation time and the newest event of each
-- stream at or before it (docs/metrics.md freshness). max(ts) over a sort key that starts with the
-- time bucket reads the last parts only; the day window bounds the scan.
SELECT 'video_events' AS stream, dateDiff('second', max(ts), {at:DateTime64(3)}) AS value
FROM video_events WHERE ts <= {at:DateTime64(3)} AND ts > {at:DateTime64(3)} - INTERVAL 1 DAY
HAVING count() > 0
UNION ALL
SELECT 'ad_events' AS stream, dateDiff('second', max(ts), {at:DateTime64(3)}) AS value
FROM ad_events WHERE ts <= {at:DateTime64(3)} AND ts > {at:DateTime64(3)} - INTERVAL 1 DAY
HAVING count() > 0
