-- The mute timings made in the console (primary key name), for the routing flush and the page.
SELECT name, time_intervals AS "timeIntervals", created_by AS "createdBy", created_at AS "createdAt", updated_at AS "updatedAt"
FROM mute_timings
ORDER BY name
