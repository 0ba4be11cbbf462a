-- Appends one audit row (the table is append-only: nothing updates or deletes it).
-- @param actor_id bigint?
-- @param actor_email text?
-- @param action text
-- @param target_type text?
-- @param target_id text?
-- @param before jsonb?
-- @param after jsonb?
-- @param request_id text?
-- @param ip text?
INSERT INTO audit_log (actor_id, actor_email, action, target_type, target_id, before, after, request_id, ip)
VALUES (:actor_id, :actor_email, :action, :target_type, :target_id, :before, :after, :request_id, :ip)
