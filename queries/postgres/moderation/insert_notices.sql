-- Queues outcome notices in the notification outbox (docs/moderation.md): one email row per
-- recipient ([{ groupKey, payload }]), written in the decision's transaction; the outbox's delivery worker sends and
-- retries them like alert mail. receiver 'moderation-notice' keeps them out of the alert
-- notification log (which analysts read: these rows carry platform users' emails).
-- @param notices jsonb
INSERT INTO notification_outbox (channel, receiver, group_key, payload)
SELECT 'email', 'moderation-notice', n ->> 'groupKey', n -> 'payload'
FROM jsonb_array_elements(:notices) AS n
