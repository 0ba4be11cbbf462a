-- Alert rule follower_growth_zscore (data quality: z-score spikes): new followers per creator on
-- the last complete UTC day before the evaluation time against the mean and standard deviation
-- of the 13 days before, for creators with at least :min_daily_mean followers a day. Scans
-- follows of 14 days by created_at.
-- @param at timestamptz
-- @param min_daily_mean float8
WITH days AS (
  SELECT date_trunc('day', :at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS today
), daily AS (
  SELECT f.followee_id, date_trunc('day', f.created_at AT TIME ZONE 'UTC') AS day, count(*) AS n
  FROM follows f, days
  WHERE f.created_at >= days.today - interval '14 days' AND f.created_at < days.today
  GROUP BY 1, 2
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
