-- Queues one send of a scheduled report for a period of local dates [period_from, period_to).
-- @param schedule_id bigint
-- @param period_from date
-- @param period_to date
-- @param trigger text
-- @param next_attempt_at timestamptz
INSERT INTO report_deliveries (schedule_id, period_from, period_to, trigger, next_attempt_at)
VALUES (:schedule_id, :period_from, :period_to, :trigger, :next_attempt_at)
RETURNING id
