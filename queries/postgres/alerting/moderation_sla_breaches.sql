-- Alert rule moderation_sla_breaches: cases still open at the evaluation time whose SLA due
-- time has passed by then.
-- @param at timestamptz
SELECT count(*)::float8 AS value
FROM moderation_cases
WHERE first_reported_at <= :at
  AND (resolved_at IS NULL OR resolved_at > :at)
  AND sla_due_at < :at
