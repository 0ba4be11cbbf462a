-- The restrictions of a user still in force (bans not lifted, suspensions neither lifted nor
-- over), oldest first: what "lift" without an action id lifts. Relies on account_actions_user_idx.
-- @param user_id bigint
SELECT a.id, a.kind
FROM account_actions AS a
WHERE a.user_id = :user_id AND a.kind IN ('suspend', 'ban')
  AND NOT EXISTS (SELECT 1 FROM account_actions AS l WHERE l.lifts_action_id = a.id)
  AND (a.kind = 'ban' OR a.ends_at > now())
ORDER BY a.id
