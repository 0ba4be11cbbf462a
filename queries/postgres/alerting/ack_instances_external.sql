-- Acknowledges a group's instances on behalf of someone outside the console (a PagerDuty user):
-- the name is kept, no account (primary key ids).
-- @param ids bigint[]
-- @param by_name text
-- @param at timestamptz
UPDATE alert_instances
SET acknowledged_by = NULL, acknowledged_by_name = :by_name, acknowledged_at = :at
WHERE id = ANY(:ids) AND state <> 'normal'
RETURNING id, state, value
