-- Overview KPIs: views, engagement and watch time over [from, to) and the previous window of
-- equal length [prev_from, from), in one pass over video_stats_15m (sort key starts with bucket).
-- FINAL-free: sum() over the SimpleAggregateFunction(sum) columns merges unmerged parts.
SELECT
    sumIf(t.views, t.bucket >= {from:DateTime64(3, 'UTC')}) AS views,
    sumIf(t.likes, t.bucket >= {from:DateTime64(3, 'UTC')}) AS likes,
    sumIf(t.comments, t.bucket >= {from:DateTime64(3, 'UTC')}) AS comments,
    sumIf(t.shares, t.bucket >= {from:DateTime64(3, 'UTC')}) AS shares,
    sumIf(t.watch_ms, t.bucket >= {from:DateTime64(3, 'UTC')}) AS watchMs,
    sumIf(t.views, t.bucket < {from:DateTime64(3, 'UTC')}) AS prevViews,
    sumIf(t.likes, t.bucket < {from:DateTime64(3, 'UTC')}) AS prevLikes,
    sumIf(t.comments, t.bucket < {from:DateTime64(3, 'UTC')}) AS prevComments,
    sumIf(t.shares, t.bucket < {from:DateTime64(3, 'UTC')}) AS prevShares,
    sumIf(t.watch_ms, t.bucket < {from:DateTime64(3, 'UTC')}) AS prevWatchMs
FROM engagement_15m AS t
WHERE t.bucket >= {prev_from:DateTime64(3, 'UTC')} AND t.bucket < {to:DateTime64(3, 'UTC')}
