-- The latest decision of a case: only it may be reversed (a reversal of an older one would skip
-- a later state). Relies on moderation_decisions_case_idx.
-- @param case_id bigint
SELECT id, outcome, state_before AS "stateBefore", state_after AS "stateAfter"
FROM moderation_decisions
WHERE case_id = :case_id
ORDER BY decided_at DESC, id DESC
LIMIT 1
