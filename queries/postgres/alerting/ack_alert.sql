-- Acknowledges an instance that is pending, firing or recovering; answers nothing otherwise.
-- @param id bigint
-- @param by bigint
-- @param at timestamptz
UPDATE alert_instances
SET acknowledged_by = :by, acknowledged_by_name = NULL, acknowledged_at = :at
WHERE id = :id AND state <> 'normal'
RETURNING id, state, value
