-- /api/health's ClickHouse read: the newest probe row of this instance, just written by the
-- health check (health_probes ORDER BY instance: one granule).
SELECT max(at) AS at
FROM health_probes
WHERE instance = {instance:String}
