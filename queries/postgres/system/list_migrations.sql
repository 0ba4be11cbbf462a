-- Applied migrations, in order: start-up skips these, the status page lists them. PK on version.
SELECT version, name, checksum, applied_at AS "appliedAt"
FROM schema_migrations
ORDER BY version
