-- The evaluator election (README#alerting): a session-level advisory lock held on a dedicated
-- connection for as long as this console evaluates; its death releases it.
-- @param key bigint
SELECT pg_try_advisory_lock(:key) AS locked
