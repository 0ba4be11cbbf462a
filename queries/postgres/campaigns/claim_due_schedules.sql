-- The scheduler's pick: active schedules whose next run is due, locked so that a second console
-- instance skips them (SKIP LOCKED) while this one queues their deliveries in the same
-- transaction. Relies on report_schedules_due_idx (next_run_at) WHERE NOT paused.
-- @param now timestamptz
-- @param limit int
SELECT s.id, s.frequency, s.next_run_at AS "nextRunAt", a.timezone
FROM report_schedules AS s
JOIN advertisers AS a ON a.id = s.advertiser_id
WHERE NOT s.paused AND s.next_run_at <= :now
ORDER BY s.next_run_at
LIMIT :limit
FOR UPDATE OF s SKIP LOCKED
