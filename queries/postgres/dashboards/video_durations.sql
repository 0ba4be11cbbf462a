-- Every video's duration, for the completion rate computed in ClickHouse (the service caches
-- it briefly). Sequential read of videos' id and duration_ms.
SELECT id, duration_ms AS "durationMs" FROM videos
