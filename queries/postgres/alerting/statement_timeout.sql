-- Bounds a PostgreSQL rule query: set for the current transaction only.
-- @param ms text
SELECT set_config('statement_timeout', :ms, true) AS timeout
