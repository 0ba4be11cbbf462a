-- The alert evaluator's newest heartbeat across console instances, for /api/health.
SELECT max(last_run_at) AS "lastRunAt" FROM evaluator_heartbeat
