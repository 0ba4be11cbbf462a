-- Account actions taken on a case (on its creator or its reporters), oldest first, for the case
-- page. Relies on account_actions_case_idx.
-- @param case_id bigint
SELECT a.id, a.user_id AS "userId", u.username, a.kind, a.subject, a.policy_reason AS "policyReason", a.note, a.case_id AS "caseId",
       a.ends_at AS "endsAt", a.lifts_action_id AS "liftsActionId", ac.email AS "actorEmail", a.created_at AS "createdAt"
FROM account_actions AS a
JOIN users AS u ON u.id = a.user_id
LEFT JOIN accounts AS ac ON ac.id = a.actor_id
WHERE a.case_id = :case_id
ORDER BY a.created_at, a.id
