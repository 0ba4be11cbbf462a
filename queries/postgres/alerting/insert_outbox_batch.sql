-- Writes every notification of one routing flush before any delivery is tried (README#alerting:
-- the durable outbox), in one statement: `rows` is a JSON array of outbox rows, inserted in their
-- order (the delivery worker claims by next_attempt_at, id).
-- @param rows jsonb
INSERT INTO notification_outbox (channel, receiver, group_key, dedup_key, payload)
SELECT r.channel, r.receiver, r.group_key, r.dedup_key, r.payload
FROM ROWS FROM (jsonb_to_recordset(:rows) AS (channel text, receiver text, group_key text, dedup_key text, payload jsonb))
     WITH ORDINALITY AS r(channel, receiver, group_key, dedup_key, payload, n)
ORDER BY r.n
