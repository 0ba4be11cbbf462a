-- Creates or replaces a console mute timing (primary key name).
-- @param name text
-- @param time_intervals jsonb
-- @param created_by bigint
INSERT INTO mute_timings (name, time_intervals, created_by)
VALUES (:name, :time_intervals, :created_by)
ON CONFLICT (name) DO UPDATE SET time_intervals = EXCLUDED.time_intervals, updated_at = now()
RETURNING name
