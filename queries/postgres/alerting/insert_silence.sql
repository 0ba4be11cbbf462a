-- A new silence (label matchers, window, author, comment).
-- @param matchers jsonb
-- @param starts_at timestamptz
-- @param ends_at timestamptz
-- @param created_by bigint
-- @param comment text
INSERT INTO silences (matchers, starts_at, ends_at, created_by, comment)
VALUES (:matchers, :starts_at, :ends_at, :created_by, :comment)
RETURNING id, matchers, starts_at AS "startsAt", ends_at AS "endsAt", comment
