-- Recounts moderation_cases_daily from moderation_cases (what the triggers keep as cases change):
-- reported on the UTC day of first_reported_at, closed on the day of the later of the two times.
INSERT INTO moderation_cases_daily (day, reported, closed)
SELECT day, sum(reported), sum(closed) FROM (
  SELECT (first_reported_at AT TIME ZONE 'UTC')::date AS day, 1 AS reported, 0 AS closed FROM moderation_cases
  UNION ALL
  SELECT (greatest(first_reported_at, resolved_at) AT TIME ZONE 'UTC')::date, 0, 1 FROM moderation_cases WHERE resolved_at IS NOT NULL
) x
GROUP BY day
