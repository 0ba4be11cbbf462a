-- All silences for the silences page, active and expired (kept for the record), newest first.
SELECT s.id, s.matchers, s.starts_at AS "startsAt", s.ends_at AS "endsAt", s.comment, s.created_at AS "createdAt",
       a.email AS "createdBy"
FROM silences s LEFT JOIN accounts a ON a.id = s.created_by
ORDER BY s.id DESC
LIMIT 500
