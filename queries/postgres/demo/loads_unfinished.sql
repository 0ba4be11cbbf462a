-- The latest demo load that did not finish (queries/migrations/postgres/053_demo_loads.sql), if any.
SELECT id::int AS id, size, seed::int AS seed, demo_now AS "demoNow", phase, started_at AS "startedAt", updated_at AS "updatedAt"
FROM demo_loads
WHERE phase <> 'done'
ORDER BY id DESC
LIMIT 1
