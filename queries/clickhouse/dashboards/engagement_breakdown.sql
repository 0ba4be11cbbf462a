-- Engagement per region or per device over the window (the breakdown of the engagement page).
-- {by} is 'region' or 'device' from a closed enum; reads engagement_15m by bucket.
SELECT
    if({by:String} = 'region', t.region, t.device) AS segment,
    sum(t.views) AS views,
    sum(t.likes) AS likes,
    sum(t.comments) AS comments,
    sum(t.shares) AS shares,
    sum(t.watch_ms) AS watchMs
FROM engagement_15m AS t
WHERE t.bucket >= {from:DateTime64(3, 'UTC')} AND t.bucket < {to:DateTime64(3, 'UTC')}
GROUP BY segment
ORDER BY views DESC, segment
