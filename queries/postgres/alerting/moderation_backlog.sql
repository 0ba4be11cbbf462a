-- Alert rule moderation_backlog: moderation cases open at the evaluation time (reported before
-- it and not resolved by it). Scans moderation_cases; the open-per-video partial index keeps
-- the table small in open rows.
-- @param at timestamptz
SELECT count(*)::float8 AS value
FROM moderation_cases
WHERE first_reported_at <= :at
  AND (resolved_at IS NULL OR resolved_at > :at)
