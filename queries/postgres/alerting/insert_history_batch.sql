-- Appends the state changes of a batch of rules to their instances' timelines in one statement
-- (alert_history_instance_idx (instance_id, at)); `rows` is a JSON array.
-- @param rows jsonb
INSERT INTO alert_history (instance_id, at, from_state, to_state, value, detail)
SELECT r.instance_id, r.at, r.from_state, r.to_state, r.value, r.detail
FROM jsonb_to_recordset(:rows) AS r(instance_id bigint, at timestamptz, from_state text, to_state text, value float8, detail jsonb)
