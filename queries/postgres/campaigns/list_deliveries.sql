-- The recent sends of a schedule, newest first, for the page (failed ones shown with their error).
-- Relies on report_deliveries_schedule_idx.
-- @param schedule_id bigint
SELECT id, to_char(period_from, 'YYYY-MM-DD') AS "periodFrom", to_char(period_to, 'YYYY-MM-DD') AS "periodTo",
       trigger, status, attempts, next_attempt_at AS "nextAttemptAt", last_error AS "lastError",
       created_at AS "createdAt", sent_at AS "sentAt"
FROM report_deliveries
WHERE schedule_id = :schedule_id
ORDER BY id DESC
LIMIT 20
