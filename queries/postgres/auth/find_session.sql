-- Every authenticated request: the live session and its enabled account, by the hashed cookie id.
-- Relies on the sessions primary key (id_hash) and the accounts primary key.
-- @param id_hash text
-- @param idle_since timestamptz
SELECT s.csrf_token AS "csrfToken", s.last_seen_at AS "lastSeenAt",
       a.id, a.email, a.role, a.advertiser_id AS "advertiserId", a.timezone
FROM sessions s
JOIN accounts a ON a.id = s.account_id
WHERE s.id_hash = :id_hash
  AND s.expires_at > now()
  AND s.last_seen_at > :idle_since
  AND NOT a.disabled
