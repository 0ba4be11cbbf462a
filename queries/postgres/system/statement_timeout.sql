-- Bounds the dashboard and report queries of the current transaction (QUERY_TIMEOUT_MS;
-- docs/hardening.md): set for this transaction only, so the pool's connections keep no limit.
-- @param ms text
SELECT set_config('statement_timeout', :ms, true) AS timeout
