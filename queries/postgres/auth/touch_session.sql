-- Sliding idle expiry: moves last_seen_at, at most once a minute per session. Primary key.
-- @param id_hash text
UPDATE sessions SET last_seen_at = now()
WHERE id_hash = :id_hash AND last_seen_at < now() - interval '1 minute'
