-- A raw table's row TTL in days (0 when it has none), and whether it has a TTL at all: a rebuild
-- leaves alone the months of a pre-aggregate whose raw rows may already have expired (docs/scale.md,
-- "Rebuild"). The engine normalises `INTERVAL 90 DAY` to `toIntervalDay(90)` in engine_full.
SELECT
    toUInt32OrZero(extract(engine_full, ' TTL [^,]*?toIntervalDay\\((\\d+)\\)')) AS ttl_days,
    position(engine_full, ' TTL ') > 0 AS has_ttl
FROM system.tables
WHERE database = currentDatabase() AND name = {table:String}
