-- Points new reports at their video's locked open case (README#moderation). Answers the reports linked;
-- a report left unlinked (its case was resolved meanwhile) is retried with a new case.
-- Relies on the primary keys of both tables.
-- @param report_ids bigint[]
-- @param case_ids bigint[]
UPDATE content_reports AS r
SET case_id = c.id
FROM moderation_cases AS c
WHERE r.id = ANY (:report_ids) AND r.case_id IS NULL
  AND c.id = ANY (:case_ids) AND c.video_id = r.video_id
RETURNING r.id
