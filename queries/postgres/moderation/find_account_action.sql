-- One account action of a user, with whether it was lifted already (the target of a lift).
-- Primary key; account_actions_one_lift for the lift.
-- @param id bigint
-- @param user_id bigint
SELECT a.id, a.kind, a.ends_at AS "endsAt",
       EXISTS (SELECT 1 FROM account_actions AS l WHERE l.lifts_action_id = a.id) AS lifted
FROM account_actions AS a
WHERE a.id = :id AND a.user_id = :user_id
