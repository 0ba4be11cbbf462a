-- The reporter-accuracy part of unresolved cases' priority (docs/moderation.md): each distinct
-- reporter weighs w = 2 (upheld + 1) / (upheld + dismissed + 2) (1 with no record, towards 2 when
-- every report was upheld, towards 0 when every one was dismissed; reporter_accuracy counts their
-- resolved cases by the latest decision), and
--   accuracy = 15 ln(1 + sum of w) - 15 ln(1 + distinct reporters)
-- corrects the reporters part (15 ln(1 + distinct reporters)) to weighted reporters. The priority
-- moves by the change of the part: priority - old accuracy + new, rounded to 2 decimals. Cases
-- with no user reporter, or whose reporters have no record, have no accuracy part. Relies on content_reports_case_idx and
-- content_reports_reporter_idx (inside reporter_accuracy).
-- @param case_ids bigint[]
WITH pairs AS (
  SELECT DISTINCT r.case_id, r.reporter_id FROM content_reports AS r
  WHERE r.case_id = ANY (:case_ids) AND r.reporter_id IS NOT NULL
),
w AS (
  SELECT p.case_id, count(*) AS n,
         sum(2.0 * (coalesce(a.upheld, 0) + 1) / (coalesce(a.upheld, 0) + coalesce(a.dismissed, 0) + 2)) AS weight
  FROM pairs AS p
  LEFT JOIN reporter_accuracy AS a ON a.user_id = p.reporter_id
  GROUP BY p.case_id
)
UPDATE moderation_cases AS c
SET priority_parts = c.priority_parts || jsonb_build_object('accuracy', x.accuracy),
    priority = round((c.priority - coalesce((c.priority_parts ->> 'accuracy')::numeric, 0) + x.accuracy)::numeric, 2)::float8
FROM w
CROSS JOIN LATERAL (SELECT round((15 * ln(1 + w.weight::float8) - 15 * ln(1 + w.n::float8))::numeric, 2) AS accuracy) AS x
WHERE c.id = w.case_id AND c.status <> 'resolved'
  -- no record anywhere (every weight 1): no part, unless one was there before
  AND (x.accuracy <> 0 OR c.priority_parts ? 'accuracy')
