-- Overview KPIs: views, engagement and watch time over [from, to) and the previous window of
-- equal length [prev_from, from), in one pass over engagement_totals_15m (one row per quarter-hour, sorted by bucket).
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
FROM engagement_totals_15m AS t
WHERE t.bucket >= {prev_from:DateTime64(3, 'UTC')} AND t.bucket < {to:DateTime64(3, 'UTC')}
