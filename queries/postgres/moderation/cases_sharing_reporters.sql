-- The unresolved cases reported by someone who also reported this case: a decision here changes
-- those reporters' records, so their cases' accuracy part is recomputed. Relies on
-- content_reports_case_idx and content_reports_reporter_idx.
-- @param case_id bigint
SELECT DISTINCT r2.case_id AS "caseId"
FROM content_reports AS r1
JOIN content_reports AS r2 ON r2.reporter_id = r1.reporter_id AND r2.case_id <> r1.case_id
JOIN moderation_cases AS c ON c.id = r2.case_id AND c.status <> 'resolved'
WHERE r1.case_id = :case_id AND r1.reporter_id IS NOT NULL
