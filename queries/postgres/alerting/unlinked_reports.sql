-- Alert rule dq_unlinked_reports (data quality: orphan references): content reports older than
-- an hour at the evaluation time that belong to no moderation case, so no moderator sees them.
-- @param at timestamptz
SELECT count(*)::float8 AS value
FROM content_reports
WHERE case_id IS NULL
  AND created_at <= :at - interval '1 hour'
