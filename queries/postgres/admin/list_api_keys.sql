-- The admin API keys page: every key without its hash, newest first (a small table).
SELECT id, name, prefix, scopes, created_at AS "createdAt", last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"
FROM api_keys
ORDER BY created_at DESC, id DESC
