-- The evaluator's heartbeat after each tick: /api/health reads the newest.
-- @param instance_id text
-- @param last_run_at timestamptz
-- @param lag_ms int
INSERT INTO evaluator_heartbeat (instance_id, last_run_at, lag_ms)
VALUES (:instance_id, :last_run_at, :lag_ms)
ON CONFLICT (instance_id) DO UPDATE SET last_run_at = EXCLUDED.last_run_at, lag_ms = EXCLUDED.lag_ms
