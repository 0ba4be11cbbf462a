-- Stores a trending day list (trending_day_top.sql's rows) under its version.
INSERT INTO video_day_top (bucket, version, video_id, views)
SELECT toDateTime({day:DateTime64(3, 'UTC')}, 'UTC'), fromUnixTimestamp64Milli({version_ms:Int64}, 'UTC'), p.1, p.2
FROM (SELECT arrayJoin(arrayZip({ids:Array(UInt64)}, {views:Array(UInt64)})) AS p)
