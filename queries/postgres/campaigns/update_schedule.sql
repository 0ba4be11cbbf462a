-- Edits a scheduled report (NULL keeps a field); scoped like find_schedule, so another
-- advertiser's schedule updates nothing (404). Relies on the primary key.
-- @param id bigint
-- @param scope_advertiser_id bigint?
-- @param frequency text?
-- @param format text?
-- @param recipients text[]?
-- @param paused bool?
-- @param next_run_at timestamptz?
UPDATE report_schedules
SET frequency = coalesce(:frequency, frequency),
    format = coalesce(:format, format),
    recipients = coalesce(:recipients, recipients),
    paused = coalesce(:paused, paused),
    next_run_at = coalesce(:next_run_at, next_run_at)
WHERE id = :id
  AND (:scope_advertiser_id::bigint IS NULL OR advertiser_id = :scope_advertiser_id)
RETURNING id
