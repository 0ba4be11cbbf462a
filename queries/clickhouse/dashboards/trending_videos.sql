-- Trending videos (docs/metrics.md): totals per video in [from, to), views in the previous window of
-- equal length, and the views of local days D-1 and D-4 (D the local day holding {to}; growth
-- velocity = mean of the 3 day-over-day increases over the last 3 complete days). Four ranges
-- read in one scan of the tiered rollups (docs/scale.md): whole UTC days from video_stats_1d,
-- whole hours at the edges from video_stats_1h, quarter-hours at the edges from video_stats_15m.
-- Per tier the service passes the buckets to read and, for each, a bit mask of its ranges (bit 0
-- the window, 1 the previous window, 2 day D-1, 3 day D-4); the pieces of a range are disjoint,
-- so its sums are exact. Each tier is read by its sort key (bucket, video_id). Every video: the
-- panel's fallback when its day lists cannot prove the answer (docs/scale.md, "Trending");
-- trending_rows.sql reads the same figures for a few videos. The creator comes from PostgreSQL's
-- videos with the title (dashboards.service.ts).
SELECT
    t.video_id AS videoId,
    sumIf(t.views, bitTest(t.m, 0)) AS views,
    sumIf(t.likes, bitTest(t.m, 0)) AS likes,
    sumIf(t.comments, bitTest(t.m, 0)) AS comments,
    sumIf(t.shares, bitTest(t.m, 0)) AS shares,
    sumIf(t.watch_ms, bitTest(t.m, 0)) AS watchMs,
    sumIf(t.views, bitTest(t.m, 1)) AS prevViews,
    sumIf(t.views, bitTest(t.m, 2)) AS d1,
    sumIf(t.views, bitTest(t.m, 3)) AS d4
FROM
(
    SELECT video_id, views, likes, comments, shares, watch_ms,
           transform(bucket, {q_buckets:Array(DateTime('UTC'))}, {q_masks:Array(UInt8)}, toUInt8(0)) AS m
    FROM video_stats_15m
    WHERE bucket IN {q_buckets:Array(DateTime('UTC'))}
    UNION ALL
    SELECT video_id, views, likes, comments, shares, watch_ms,
           transform(bucket, {h_buckets:Array(DateTime('UTC'))}, {h_masks:Array(UInt8)}, toUInt8(0)) AS m
    FROM video_stats_1h
    WHERE bucket IN {h_buckets:Array(DateTime('UTC'))}
    UNION ALL
    SELECT video_id, views, likes, comments, shares, watch_ms,
           transform(bucket, {d_buckets:Array(DateTime('UTC'))}, {d_masks:Array(UInt8)}, toUInt8(0)) AS m
    FROM video_stats_1d
    WHERE bucket IN {d_buckets:Array(DateTime('UTC'))}
) AS t
GROUP BY t.video_id
HAVING views + likes + comments + shares > 0
ORDER BY views DESC, videoId
LIMIT {limit:UInt32}
