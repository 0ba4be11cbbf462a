-- Alert rule dq_rejected_rows (data quality: rejected rows by reason, incl. negative counts):
-- ingest rows rejected in the hour before the evaluation time, per stream and reason. Uses
-- ingest_rejections_at_idx (at, stream).
-- @param at timestamptz
SELECT stream, reason, sum(lines)::float8 AS value
FROM ingest_rejections
WHERE at >= :at - interval '1 hour' AND at < :at
GROUP BY stream, reason
