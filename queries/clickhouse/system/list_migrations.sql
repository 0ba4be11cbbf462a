-- Applied migrations, in order (FINAL: ReplacingMergeTree keeps one row per version).
SELECT version, name, checksum, formatDateTime(applied_at, '%Y-%m-%dT%H:%i:%S.%fZ', 'UTC') AS appliedAt
FROM schema_migrations FINAL
ORDER BY version
