-- The decisions that resolved the demo's resolved cases (docs/moderation.md#demo-data), one per
-- case, by the reviewers in :reviewer_ids: outcome dismiss 45 %, remove 35 %, age_restrict 20 %
-- (the videos of the injected incidents, :special_ids, are only ever dismissed: they stay
-- public); the policy reason is no_violation for a dismissal, else the case's most severe
-- reason; decided at resolved_at, claimed 40 s to ~20 min before (each reviewer has a pace:
-- reviewer k's handle time is 40 s + u² × (8 + 4k) min). Deterministic (hashint8extended of the
-- case id). Relies on the primary keys; run once, after the cases exist.
-- @param reviewer_ids bigint[]
-- @param special_ids bigint[]
-- @param seed bigint
INSERT INTO moderation_decisions (case_id, video_id, reviewer_id, claimed_at, decided_at, outcome, policy_reason, note,
                                  state_before, state_after)
SELECT c.id, c.video_id, (:reviewer_ids)[1 + k.i], c.resolved_at - k.handle * interval '1 second', c.resolved_at, o.outcome,
       CASE WHEN o.outcome = 'dismiss' THEN 'no_violation' ELSE o.reason END, '',
       jsonb_build_object('caseStatus', 'in_review', 'visibility', v.visibility, 'version', 1),
       jsonb_build_object('caseStatus', 'resolved', 'version', 2, 'visibility',
                          CASE o.outcome WHEN 'remove' THEN 'removed' WHEN 'age_restrict' THEN 'age_restricted' ELSE v.visibility END)
FROM moderation_cases AS c
JOIN videos AS v ON v.id = c.video_id
CROSS JOIN LATERAL (SELECT
  ((hashint8extended(c.id, :seed + 91) >> 11) & 9007199254740991)::float8 / 9007199254740992 AS u1,
  ((hashint8extended(c.id, :seed + 92) >> 11) & 9007199254740991)::float8 / 9007199254740992 AS u2,
  ((hashint8extended(c.id, :seed + 93) >> 11) & 9007199254740991) % cardinality(:reviewer_ids) AS i) AS r
CROSS JOIN LATERAL (SELECT r.i::int AS i, round(40 + r.u2 * r.u2 * (480 + 240 * r.i))::int AS handle) AS k
CROSS JOIN LATERAL (SELECT
  CASE WHEN v.id = ANY (:special_ids) OR r.u1 < 0.45 THEN 'dismiss' WHEN r.u1 < 0.80 THEN 'remove' ELSE 'age_restrict' END AS outcome,
  (SELECT x FROM unnest(c.reasons) AS x
   ORDER BY CASE x WHEN 'self_harm' THEN 30 WHEN 'violence' THEN 25 WHEN 'nudity' THEN 20 WHEN 'hate' THEN 20 WHEN 'harassment' THEN 15
                   WHEN 'misinformation' THEN 10 WHEN 'copyright' THEN 8 WHEN 'spam' THEN 5 ELSE 3 END DESC, x LIMIT 1) AS reason) AS o
WHERE c.status = 'resolved'
  AND NOT EXISTS (SELECT 1 FROM moderation_decisions AS d WHERE d.case_id = c.id)
