-- Hardening (docs/hardening.md): /api/health inserts one row per check (at most one every few
-- seconds per console) and reads the instance's newest back, so "ok" means ClickHouse both
-- stores and answers. A day of rows is kept; ReplacingMergeTree folds each instance to one row.
CREATE TABLE IF NOT EXISTS health_probes
(
    instance  String,
    at        DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(at)
ORDER BY instance
TTL toDateTime(at) + INTERVAL 1 DAY;
