-- Records when a key was last used (shown on the admin page). Primary key.
-- @param id bigint
UPDATE api_keys SET last_used_at = now() WHERE id = :id
