-- Every materialized view of the console's database with its target table and its SELECT (the
-- rebuild recomputes each view's target from the view's own SELECT over the raw table).
SELECT
    name AS view,
    extract(create_table_query, ' TO (?:`?\\w+`?\\.)?`?(\\w+)`? ') AS target,
    as_select AS select
FROM system.tables
WHERE database = currentDatabase() AND engine = 'MaterializedView'
ORDER BY name
