-- Attaches mute timings to a route from the console (primary key (route_path, timing)), with the
-- route's receiver and matchers now; attaching again refreshes them (a stale attachment made
-- current).
-- @param route_path text
-- @param timings text[]
-- @param receiver text
-- @param matchers jsonb
-- @param created_by bigint
INSERT INTO route_mute_timings (route_path, timing, receiver, matchers, created_by)
SELECT :route_path, t, :receiver, :matchers, :created_by
FROM unnest(:timings) AS t
ON CONFLICT (route_path, timing) DO UPDATE SET receiver = EXCLUDED.receiver, matchers = EXCLUDED.matchers
RETURNING timing
