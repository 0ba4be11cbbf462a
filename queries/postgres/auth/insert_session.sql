-- A new session at login: only the SHA-256 of the cookie's id is stored. expires_at is the
-- absolute expiry; idle expiry is checked against last_seen_at.
-- @param id_hash text
-- @param account_id bigint
-- @param csrf_token text
-- @param expires_at timestamptz
-- @param ip text?
-- @param user_agent text?
INSERT INTO sessions (id_hash, account_id, csrf_token, expires_at, ip, user_agent)
VALUES (:id_hash, :account_id, :csrf_token, :expires_at, :ip, :user_agent)
