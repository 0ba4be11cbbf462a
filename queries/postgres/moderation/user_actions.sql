-- Every account action on a user, newest first, with who took it, the lift that ended it (if
-- any), the case it was taken on and how many videos a ban hid. Relies on account_actions_user_idx.
-- @param user_id bigint
SELECT a.id, a.user_id AS "userId", a.kind, a.subject, a.policy_reason AS "policyReason", a.note, a.case_id AS "caseId",
       a.ends_at AS "endsAt", a.lifts_action_id AS "liftsActionId", a.actor_id AS "actorId", ac.email AS "actorEmail",
       a.bulk_batch_id AS "bulkBatchId", a.created_at AS "createdAt",
       l.id AS "liftedById", l.created_at AS "liftedAt",
       (SELECT count(*)::int FROM account_action_videos AS h WHERE h.action_id = a.id) AS "hiddenVideos",
       (a.kind = 'ban' OR (a.kind = 'suspend' AND a.ends_at > now())) AND l.id IS NULL AS live
FROM account_actions AS a
LEFT JOIN account_actions AS l ON l.lifts_action_id = a.id
LEFT JOIN accounts AS ac ON ac.id = a.actor_id
WHERE a.user_id = :user_id
ORDER BY a.created_at DESC, a.id DESC
LIMIT 200
