-- Trending figures of the videos given (docs/scale.md, "Trending": the few a window's lists could
-- not rule out), over the four ranges of trending_videos.sql at once (1 the window, 2 the previous
-- window, 3 day D-1, 4 day D-4). Each range is its quarter-hours at the edges, read from
-- video_stats_15m by its sort key (bucket, then video) with a bit mask per bucket, and one span of
-- whole hours [hs[i], he[i]) (empty when hs[i] = he[i]), read from video_stats_1h_by_video, sorted
-- by video then hour: only the given videos' rows are read, whatever the day's other videos.
SELECT
    t.video_id AS videoId,
    any(t.creator_id) AS creatorId,
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
    SELECT video_id, creator_id, views, likes, comments, shares, watch_ms,
           transform(bucket, {q_buckets:Array(DateTime('UTC'))}, {q_masks:Array(UInt8)}, toUInt8(0)) AS m
    FROM video_stats_15m
    WHERE bucket IN {q_buckets:Array(DateTime('UTC'))} AND video_id IN {ids:Array(UInt64)}
    UNION ALL
    SELECT video_id, creator_id, views, likes, comments, shares, watch_ms,
           toUInt8((bucket >= {hs:Array(DateTime('UTC'))}[1] AND bucket < {he:Array(DateTime('UTC'))}[1])
                 + 2 * (bucket >= {hs:Array(DateTime('UTC'))}[2] AND bucket < {he:Array(DateTime('UTC'))}[2])
                 + 4 * (bucket >= {hs:Array(DateTime('UTC'))}[3] AND bucket < {he:Array(DateTime('UTC'))}[3])
                 + 8 * (bucket >= {hs:Array(DateTime('UTC'))}[4] AND bucket < {he:Array(DateTime('UTC'))}[4])) AS m
    FROM video_stats_1h_by_video
    WHERE video_id IN {ids:Array(UInt64)}
      AND bucket >= {h_from:DateTime64(3, 'UTC')} AND bucket < {h_to:DateTime64(3, 'UTC')}
) AS t
GROUP BY t.video_id
ORDER BY views DESC, videoId
LIMIT {limit:UInt32}
