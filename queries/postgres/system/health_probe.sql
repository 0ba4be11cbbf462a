-- /api/health's PostgreSQL probe: writes this instance's row and reads it back in one statement
-- (health_probes primary key; one row per console instance, so it never grows).
-- @param instance text
-- @param at timestamptz
INSERT INTO health_probes (instance, at) VALUES (:instance, :at)
ON CONFLICT (instance) DO UPDATE SET at = EXCLUDED.at
RETURNING at
