-- The writes of a decision in ONE statement (fewer round trips while the case row is locked by
-- lock_case.sql in the same transaction): the video's visibility when it changes, every open report
-- of the case resolved when the case is resolved, the case's new status with its lease released
-- and its version moved on, and the appended moderation_decisions row (append-only; a reversal
-- points at the decision it reverses). Primary keys, content_reports_case_idx.
-- @param case_id bigint
-- @param video_id bigint
-- @param status text
-- @param visibility text
-- @param reviewer_id bigint
-- @param claimed_at timestamptz?
-- @param outcome text
-- @param policy_reason text
-- @param note text
-- @param state_before jsonb
-- @param bulk_batch_id uuid?
-- @param reverses_decision_id bigint?
WITH video AS (
  UPDATE videos SET visibility = :visibility, updated_at = now()
  WHERE id = :video_id AND visibility <> :visibility
),
reports AS (
  UPDATE content_reports SET resolved_at = now(), updated_at = now()
  WHERE :status = 'resolved' AND case_id = :case_id AND resolved_at IS NULL
),
c AS (
  UPDATE moderation_cases
  SET status = :status, version = version + 1, assignee_id = NULL, claimed_at = NULL, claim_expires_at = NULL,
      resolved_at = CASE WHEN :status = 'resolved' THEN coalesce(resolved_at, now()) ELSE NULL END, updated_at = now()
  WHERE id = :case_id
  RETURNING status, version, resolved_at
),
d AS (
  INSERT INTO moderation_decisions (case_id, video_id, reviewer_id, claimed_at, outcome, policy_reason, note,
                                    state_before, state_after, bulk_batch_id, reverses_decision_id)
  SELECT :case_id, :video_id, :reviewer_id, :claimed_at, :outcome, :policy_reason, :note, :state_before,
         jsonb_build_object('caseStatus', c.status, 'visibility', :visibility, 'version', c.version),
         :bulk_batch_id, :reverses_decision_id
  FROM c
  RETURNING id, decided_at
)
SELECT d.id, d.decided_at AS "decidedAt", c.status, c.version, c.resolved_at AS "resolvedAt"
FROM d CROSS JOIN c
