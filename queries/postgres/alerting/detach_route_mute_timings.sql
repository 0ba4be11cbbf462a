-- Detaches from a route every console mute timing not in `keep` (primary key (route_path, timing));
-- answers what was detached, for the audit log.
-- @param route_path text
-- @param keep text[]
DELETE FROM route_mute_timings
WHERE route_path = :route_path AND NOT (timing = ANY(:keep))
RETURNING timing
