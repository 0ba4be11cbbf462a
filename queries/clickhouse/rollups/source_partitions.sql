-- The monthly partitions (YYYYMM) a table holds in [from_month, to_month]: the units of a rebuild.
SELECT DISTINCT partition_id AS partition
FROM system.parts
WHERE database = currentDatabase() AND table = {table:String} AND active
  AND toUInt32OrZero(partition_id) BETWEEN {from_month:UInt32} AND {to_month:UInt32}
ORDER BY partition
