-- Rejected ingest rows by stream and reason over [from, to) (docs/metrics.md data quality). Uses
-- ingest_rejections_at_idx (at, stream).
-- @param from timestamptz
-- @param to timestamptz
SELECT stream, reason, count(*)::int AS rows
FROM ingest_rejections
WHERE at >= :from AND at < :to
GROUP BY stream, reason
ORDER BY stream, rows DESC, reason
