-- The audit rows an interrupted demo load's moderation history wrote (demo/history_audit.sql):
-- the decisions and account actions dated up to the load's own "now".
-- @param demo_now timestamptz
DELETE FROM audit_log
WHERE action IN ('moderation.decision', 'moderation.account_action', 'moderation.account_action_lifted')
  AND at <= :demo_now
