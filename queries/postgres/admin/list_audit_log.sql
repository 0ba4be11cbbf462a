-- The audit log page: newest first, keyset pagination on (at, id) after the cursor, optional
-- filters by actor email, action and time. atCursor keeps the microseconds a JS Date would drop. Relies on audit_log_at_idx (at DESC, id DESC).
-- @param actor text?
-- @param action text?
-- @param from timestamptz?
-- @param to timestamptz?
-- @param cursor_at timestamptz?
-- @param cursor_id bigint?
-- @param limit int
SELECT id, at, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "atCursor", actor_id AS "actorId", actor_email AS "actorEmail", action,
       target_type AS "targetType", target_id AS "targetId", before, after,
       request_id AS "requestId", ip
FROM audit_log
WHERE (:actor::text IS NULL OR lower(actor_email) = lower(:actor))
  AND (:action::text IS NULL OR action = :action)
  AND (:from::timestamptz IS NULL OR at >= :from)
  AND (:to::timestamptz IS NULL OR at < :to)
  AND (:cursor_at::timestamptz IS NULL OR (at, id) < (:cursor_at, :cursor_id))
ORDER BY at DESC, id DESC
LIMIT :limit
