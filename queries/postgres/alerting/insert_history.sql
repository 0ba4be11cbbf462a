-- Appends to an instance's timeline: state changes, acknowledgements, notifications
-- (alert_history_instance_idx (instance_id, at)).
-- @param instance_id bigint
-- @param at timestamptz
-- @param from_state text
-- @param to_state text
-- @param value float8?
-- @param detail jsonb
INSERT INTO alert_history (instance_id, at, from_state, to_state, value, detail)
VALUES (:instance_id, :at, :from_state, :to_state, :value, :detail)
