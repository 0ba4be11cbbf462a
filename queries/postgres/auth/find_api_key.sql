-- API-key authentication: the key row by its prefix (unique index on prefix); the caller compares
-- the SHA-256 of the whole key in constant time.
-- @param prefix text
SELECT id, key_hash AS "keyHash", scopes, revoked_at AS "revokedAt"
FROM api_keys
WHERE prefix = :prefix
