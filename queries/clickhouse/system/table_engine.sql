-- The engine of one table of the console's database: on a cluster, 'Distributed' says the table is
-- a local + Distributed pair (server/db/cluster.ts), so DDL on its data goes to the local tables.
SELECT engine
FROM system.tables
WHERE database = currentDatabase()
  AND name = {table:String}
