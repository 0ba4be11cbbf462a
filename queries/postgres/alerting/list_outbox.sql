-- The notification log, newest first, optionally one status (dead letters) or one instance's
-- notifications (payload.instanceIds), keyset-paged by id. Moderation outcome notices (receiver
-- 'moderation-notice') are not alert notifications and carry platform users' emails: left out.
-- @param status text?
-- @param instance_id bigint?
-- @param before_id bigint?
-- @param max int
SELECT o.id, o.channel, o.receiver, o.group_key AS "groupKey", o.dedup_key AS "dedupKey", o.payload, o.status,
       o.attempts, o.next_attempt_at AS "nextAttemptAt", o.last_error AS "lastError", o.created_at AS "createdAt",
       o.delivered_at AS "deliveredAt",
       coalesce((SELECT jsonb_agg(jsonb_build_object('at', a.at, 'outcome', a.outcome, 'httpStatus', a.http_status, 'error', a.error) ORDER BY a.at, a.id)
                 FROM notification_attempts a WHERE a.outbox_id = o.id), '[]'::jsonb) AS attempts_log
FROM notification_outbox o
WHERE o.receiver <> 'moderation-notice'
  AND (:status::text IS NULL OR o.status = :status)
  AND (:instance_id::bigint IS NULL OR o.payload -> 'instanceIds' @> to_jsonb(:instance_id))
  AND (:before_id::bigint IS NULL OR o.id < :before_id)
ORDER BY o.id DESC
LIMIT :max
