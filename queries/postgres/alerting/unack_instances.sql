-- Takes back the acknowledgement of a group's instances (PagerDuty incident.unacknowledged).
-- @param ids bigint[]
UPDATE alert_instances
SET acknowledged_by = NULL, acknowledged_by_name = NULL, acknowledged_at = NULL
WHERE id = ANY(:ids) AND acknowledged_at IS NOT NULL
RETURNING id, state, value
