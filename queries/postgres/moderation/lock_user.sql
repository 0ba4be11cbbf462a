-- Locks a platform user's row for an account action, so that two actions on one account (two
-- bans, a lift racing a ban) are taken one after the other; answers the standing before it.
-- Primary key, then account_actions_user_idx through user_standing.
-- @param id bigint
SELECT u.id, u.role, u.status AS "platformStatus",
       coalesce(s.banned, false) AS banned, s.suspended_until AS "suspendedUntil"
FROM users AS u
LEFT JOIN user_standing AS s ON s.user_id = u.id
WHERE u.id = :id
FOR UPDATE OF u
