-- Rows and bytes per table of this database (exact for MergeTree tables, empty ones included),
-- for the status page. Reads system.tables metadata, not the tables.
SELECT name, ifNull(total_rows, 0) AS rows, ifNull(total_bytes, 0) AS bytes
FROM system.tables
WHERE database = currentDatabase() AND engine LIKE '%MergeTree'
ORDER BY name
