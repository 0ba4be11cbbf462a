-- Empties one table the demo load writes to ClickHouse (demo/event_tables.sql lists them), before
-- an interrupted load is loaded again.
TRUNCATE TABLE {table:Identifier}
