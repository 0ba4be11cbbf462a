-- The videos on the trending lists of the days asked, each day's list of the version given
-- (epoch ms) or newer: a newer version of a row replaces an older one when parts merge, so this
-- is always a superset of the list that version made.
SELECT DISTINCT video_id AS videoId
FROM video_day_top
WHERE bucket IN {days:Array(DateTime('UTC'))}
  AND toUnixTimestamp64Milli(version) >= transform(bucket, {days:Array(DateTime('UTC'))}, {versions_ms:Array(Int64)}, toInt64(9223372036854775807))
