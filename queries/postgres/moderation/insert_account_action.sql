-- Appends one account action (append-only: a lift is a new row pointing at what it lifts).
-- @param user_id bigint
-- @param kind text
-- @param subject text
-- @param policy_reason text
-- @param note text
-- @param case_id bigint?
-- @param ends_at timestamptz?
-- @param lifts_action_id bigint?
-- @param actor_id bigint?
-- @param bulk_batch_id uuid?
INSERT INTO account_actions (user_id, kind, subject, policy_reason, note, case_id, ends_at, lifts_action_id, actor_id, bulk_batch_id)
VALUES (:user_id, :kind, :subject, :policy_reason, :note, :case_id, :ends_at, :lifts_action_id, :actor_id, :bulk_batch_id)
RETURNING id, created_at AS "createdAt"
