-- Marks every unresolved report of a case resolved with the decision. Relies on content_reports_case_idx.
-- @param case_id bigint
UPDATE content_reports SET resolved_at = now(), updated_at = now()
WHERE case_id = :case_id AND resolved_at IS NULL
