-- One delivery attempt, whatever its outcome (notification_attempts_outbox_idx).
-- @param outbox_id bigint
-- @param at timestamptz
-- @param outcome text
-- @param http_status int?
-- @param error text?
INSERT INTO notification_attempts (outbox_id, at, outcome, http_status, error)
VALUES (:outbox_id, :at, :outcome, :http_status, :error)
