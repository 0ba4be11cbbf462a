-- Alert rule follower_growth_zscore (data quality: z-score spikes): new followers per creator on
-- the last complete UTC day before the evaluation time against the mean and standard deviation
-- of the 13 days before, for creators with at least :min_daily_mean followers a day. Reads the
-- per-creator UTC-day counts kept by the follows triggers (creator_follows_daily, docs/scale.md),
-- not the follows themselves; a day whose follows were all undone counts as none.
-- @param at timestamptz
-- @param min_daily_mean float8
WITH days AS (
  SELECT date_trunc('day', :at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS today
), daily AS (
  SELECT d.creator_id AS followee_id, d.day::timestamp AS day, d.follows AS n
  FROM creator_follows_daily d, days
  WHERE d.day >= ((days.today - interval '14 days') AT TIME ZONE 'UTC')::date
    AND d.day < (days.today AT TIME ZONE 'UTC')::date
    AND d.follows > 0
), grid AS (
  SELECT c.followee_id, d.day, coalesce(daily.n, 0) AS n
  FROM (SELECT DISTINCT followee_id FROM daily) c
  CROSS JOIN (
    SELECT generate_series(today - interval '14 days', today - interval '1 day', interval '1 day') AT TIME ZONE 'UTC' AS day FROM days
  ) d
  LEFT JOIN daily ON daily.followee_id = c.followee_id AND daily.day = d.day
), stats AS (
  SELECT g.followee_id,
         max(g.n) FILTER (WHERE g.day = (SELECT today - interval '1 day' FROM days) AT TIME ZONE 'UTC') AS last_day,
         avg(g.n) FILTER (WHERE g.day < (SELECT today - interval '1 day' FROM days) AT TIME ZONE 'UTC') AS mean,
         stddev_pop(g.n) FILTER (WHERE g.day < (SELECT today - interval '1 day' FROM days) AT TIME ZONE 'UTC') AS sd
  FROM grid g
  GROUP BY g.followee_id
)
SELECT followee_id::text AS creator_id, ((last_day - mean) / nullif(sd, 0))::float8 AS value
FROM stats
WHERE mean >= :min_daily_mean
