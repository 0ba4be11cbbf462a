-- Health check round trip; touches no table.
SELECT 1 AS ok
