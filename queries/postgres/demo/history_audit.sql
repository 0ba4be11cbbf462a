-- The audit rows of the demo history: one per decision and per account action, at their time,
-- by their reviewer (as the console writes them for live ones). Reads the tables the history
-- steps wrote; run once after them.
INSERT INTO audit_log (at, actor_id, actor_email, action, target_type, target_id, before, after)
SELECT d.decided_at, d.reviewer_id, a.email, 'moderation.decision', 'moderation_case', d.case_id::text, d.state_before,
       d.state_after || jsonb_build_object('decisionId', d.id, 'outcome', d.outcome, 'policyReason', d.policy_reason, 'videoId', d.video_id)
FROM moderation_decisions AS d
LEFT JOIN accounts AS a ON a.id = d.reviewer_id
UNION ALL
SELECT x.created_at, x.actor_id, a.email,
       CASE x.kind WHEN 'lift' THEN 'moderation.account_action_lifted' ELSE 'moderation.account_action' END,
       'platform_user', x.user_id::text, NULL,
       jsonb_build_object('actionId', x.id, 'kind', x.kind, 'subject', x.subject, 'policyReason', x.policy_reason, 'note', x.note,
                          'caseId', x.case_id, 'endsAt', x.ends_at, 'liftsActionId', x.lifts_action_id)
FROM account_actions AS x
LEFT JOIN accounts AS a ON a.id = x.actor_id
ORDER BY 1
