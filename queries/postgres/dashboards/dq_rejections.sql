-- Rejected ingest lines by stream and reason over [from, to) (docs/metrics.md data quality; a row
-- stands for `lines` lines, migration 050). Uses
-- ingest_rejections_at_idx (at, stream).
-- @param from timestamptz
-- @param to timestamptz
SELECT stream, reason, sum(lines)::int AS rows
FROM ingest_rejections
WHERE at >= :from AND at < :to
GROUP BY stream, reason
ORDER BY stream, rows DESC, reason
