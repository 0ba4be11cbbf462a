-- Watch-time distribution of one video's views (the video page): 10 s bins of watch_ms from raw
-- video_events, which the rollups cannot answer; the bucket-first sort key prunes by window.
SELECT
    intDiv(watch_ms, 10000) * 10000 AS fromMs,
    count() AS views
FROM video_events
WHERE ts >= {from:DateTime64(3, 'UTC')} AND ts < {to:DateTime64(3, 'UTC')} AND video_id = {video_id:UInt64} AND type = 'view'
GROUP BY fromMs
ORDER BY fromMs
