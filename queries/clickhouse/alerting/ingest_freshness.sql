-- Alert rule ingest_freshness: seconds between the evaluation time and the newest event of each
-- stream at or before it (docs/metrics.md freshness), from the newest event kept per quarter-hour by
-- video_quality_15m and ad_quality_15m (docs/scale.md); the day window bounds the read. A
-- quarter-hour whose newest event is after {at} is left out (evaluations run at the present).
SELECT 'video_events' AS stream, dateDiff('second', max(newest), {at:DateTime64(3)}) AS value
FROM video_quality_15m
WHERE bucket <= {at:DateTime64(3)} AND bucket > toStartOfFifteenMinutes({at:DateTime64(3)}) - INTERVAL 1 DAY AND newest <= {at:DateTime64(3)}
HAVING count() > 0
UNION ALL
SELECT 'ad_events' AS stream, dateDiff('second', max(newest), {at:DateTime64(3)}) AS value
FROM ad_quality_15m
WHERE bucket <= {at:DateTime64(3)} AND bucket > toStartOfFifteenMinutes({at:DateTime64(3)}) - INTERVAL 1 DAY AND newest <= {at:DateTime64(3)}
HAVING count() > 0
