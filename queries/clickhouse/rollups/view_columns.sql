-- The output columns of every materialized view, in order (what the rebuild inserts by name).
SELECT table AS view, groupArray(name) AS columns
FROM (SELECT table, name FROM system.columns WHERE database = currentDatabase() ORDER BY table, position)
WHERE table IN (SELECT name FROM system.tables WHERE database = currentDatabase() AND engine = 'MaterializedView')
GROUP BY table
ORDER BY table
