-- Watch-time distribution of one video's views (the video page): views and completed views per
-- 1-second bin of watch_ms over [from, to), from video_watch_15m (sort key video_id, bucket, bin):
-- one video's rows, whatever the table holds. The service draws 10 s bins and reads the
-- percentiles off the 1 s bins.
SELECT
    t.bin_s * 1000 AS fromMs,
    sum(t.views) AS views,
    sum(t.completed) AS completed
FROM video_watch_15m AS t
WHERE t.video_id = {video_id:UInt64} AND t.bucket >= {from:DateTime64(3, 'UTC')} AND t.bucket < {to:DateTime64(3, 'UTC')}
GROUP BY fromMs
ORDER BY fromMs
