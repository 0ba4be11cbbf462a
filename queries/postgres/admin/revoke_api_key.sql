-- Revokes a key (kept for the audit trail); revoking twice keeps the first time. Primary key.
-- @param id bigint
UPDATE api_keys SET revoked_at = coalesce(revoked_at, now())
WHERE id = :id
RETURNING id, name, prefix, revoked_at AS "revokedAt"
