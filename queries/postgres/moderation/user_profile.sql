-- A platform user for the user page: profile, standing (user_standing) and reporter record
-- (reporter_accuracy). Primary key lookups.
-- @param id bigint
SELECT u.id, u.username, u.display_name AS "displayName", u.email, u.role, u.region, u.status AS "platformStatus",
       u.created_at AS "createdAt",
       coalesce(s.banned, false) AS banned, s.suspended_until AS "suspendedUntil",
       coalesce(ra.upheld, 0)::int AS upheld, coalesce(ra.dismissed, 0)::int AS dismissed,
       (SELECT count(*)::int FROM videos AS v WHERE v.creator_id = u.id) AS "videoCount",
       (SELECT count(*)::int FROM content_reports AS r WHERE r.reporter_id = u.id) AS "reportsMade"
FROM users AS u
LEFT JOIN user_standing AS s ON s.user_id = u.id
LEFT JOIN reporter_accuracy AS ra ON ra.user_id = u.id
WHERE u.id = :id
