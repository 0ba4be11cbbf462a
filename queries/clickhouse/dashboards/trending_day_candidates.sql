-- The videos on the trending lists of the days asked, with their views that day: each day's list
-- of the version given (epoch ms) or newer. A newer version of a row replaces an older one when
-- parts merge, so this is always a superset of the list that version made; a day read here has
-- not changed since that version, so every version at or after it holds the same views.
SELECT bucket AS day, video_id AS videoId, max(views) AS views
FROM video_day_top
WHERE bucket IN {days:Array(DateTime('UTC'))}
  AND toUnixTimestamp64Milli(version) >= transform(bucket, {days:Array(DateTime('UTC'))}, {versions_ms:Array(Int64)}, toInt64(9223372036854775807))
GROUP BY bucket, video_id
