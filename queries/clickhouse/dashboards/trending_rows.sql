-- Trending figures of the videos given (docs/scale.md, "Trending": the few a window's lists could
-- not rule out), over the four ranges of trending_videos.sql at once (1 the window, 2 the previous
-- window, 3 day D-1, 4 day D-4; range i is [rf[i], rt[i]), empty when rf[i] = rt[i]). Read from
-- video_stats_15m_by_video, sorted by video then quarter-hour in 256-row granules: only the given
-- videos' rows of [from, to) (the span of all four ranges) are read, whatever the day's other
-- videos. The creator comes from PostgreSQL's videos with the title (dashboards.service.ts).
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
           toUInt8((bucket >= {rf:Array(DateTime('UTC'))}[1] AND bucket < {rt:Array(DateTime('UTC'))}[1])
                 + 2 * (bucket >= {rf:Array(DateTime('UTC'))}[2] AND bucket < {rt:Array(DateTime('UTC'))}[2])
                 + 4 * (bucket >= {rf:Array(DateTime('UTC'))}[3] AND bucket < {rt:Array(DateTime('UTC'))}[3])
                 + 8 * (bucket >= {rf:Array(DateTime('UTC'))}[4] AND bucket < {rt:Array(DateTime('UTC'))}[4])) AS m
    FROM video_stats_15m_by_video
    WHERE video_id IN {ids:Array(UInt64)}
      AND bucket >= {from:DateTime64(3, 'UTC')} AND bucket < {to:DateTime64(3, 'UTC')}
) AS t
GROUP BY t.video_id
ORDER BY views DESC, videoId
LIMIT {limit:UInt32}
