-- Writes a notification before any delivery is tried (README#alerting: the durable outbox).
-- @param channel text
-- @param receiver text
-- @param group_key text
-- @param dedup_key text?
-- @param payload jsonb
INSERT INTO notification_outbox (channel, receiver, group_key, dedup_key, payload)
VALUES (:channel, :receiver, :group_key, :dedup_key, :payload)
RETURNING id
