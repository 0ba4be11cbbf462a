-- Deletes a scheduled report (its deliveries go with it); scoped like find_schedule.
-- Relies on the primary key.
-- @param id bigint
-- @param scope_advertiser_id bigint?
DELETE FROM report_schedules
WHERE id = :id
  AND (:scope_advertiser_id::bigint IS NULL OR advertiser_id = :scope_advertiser_id)
RETURNING id
