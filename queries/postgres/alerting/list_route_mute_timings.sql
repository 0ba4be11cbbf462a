-- Mute timings attached to routes in the console (primary key (route_path, timing)), read at
-- every routing flush and by the routing page; each row keeps the receiver and matchers the route
-- had when attached (route-mutes.ts: an attachment applies only while they still match).
SELECT route_path AS "routePath", receiver, matchers, timing, created_by AS "createdBy", created_at AS "createdAt"
FROM route_mute_timings
ORDER BY route_path, timing
