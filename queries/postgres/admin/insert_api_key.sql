-- A new API key: the prefix is indexed (unique) for look-up, only the SHA-256 of the key is kept.
-- @param name text
-- @param prefix text
-- @param key_hash text
-- @param scopes text[]
-- @param created_by bigint
INSERT INTO api_keys (name, prefix, key_hash, scopes, created_by)
VALUES (:name, :prefix, :key_hash, :scopes, :created_by)
RETURNING id, name, prefix, scopes, created_at AS "createdAt"
