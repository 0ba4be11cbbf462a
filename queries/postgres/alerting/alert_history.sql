-- One instance's timeline, oldest first (alert_history_instance_idx).
-- @param instance_id bigint
SELECT id, at, from_state AS "fromState", to_state AS "toState", value, detail
FROM alert_history
WHERE instance_id = :instance_id
ORDER BY at, id
LIMIT 5000
