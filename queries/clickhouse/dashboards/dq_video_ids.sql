-- Orphan check of video events (data quality): events per video id in the window, from the
-- video_stats_15m rollup (one row per bucket and video); PostgreSQL then says which ids exist.
SELECT video_id AS id, sum(views + likes + comments + shares + follows) AS events
FROM video_stats_15m
WHERE bucket >= {from:DateTime64(3, 'UTC')} AND bucket < {to:DateTime64(3, 'UTC')}
GROUP BY video_id
