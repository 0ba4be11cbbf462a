-- Appends a decision (moderation_decisions is append-only; a reversal is a new row pointing at
-- the one it reverses).
-- @param case_id bigint
-- @param video_id bigint
-- @param reviewer_id bigint
-- @param claimed_at timestamptz?
-- @param outcome text
-- @param policy_reason text
-- @param note text
-- @param state_before jsonb
-- @param state_after jsonb
-- @param bulk_batch_id uuid?
-- @param reverses_decision_id bigint?
INSERT INTO moderation_decisions (case_id, video_id, reviewer_id, claimed_at, outcome, policy_reason, note,
                                  state_before, state_after, bulk_batch_id, reverses_decision_id)
VALUES (:case_id, :video_id, :reviewer_id, :claimed_at, :outcome, :policy_reason, :note,
        :state_before, :state_after, :bulk_batch_id, :reverses_decision_id)
RETURNING id, decided_at AS "decidedAt"
