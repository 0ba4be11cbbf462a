-- Users from the ingest API (README#ingest-api): an upsert ordered by updated_at, so a replayed or older
-- row never overwrites newer data (the WHERE of DO UPDATE). :rows is a JSON array of users, one
-- per id. Answers the ids written. Primary key.
-- @param rows jsonb
INSERT INTO users AS t (id, username, email, display_name, role, region, status, created_at, updated_at)
SELECT r.id, r.username, r.email, r.display_name, r.role, r.region, r.status, coalesce(r.created_at, r.updated_at), r.updated_at
FROM jsonb_to_recordset(:rows) AS r(id bigint, username text, email text, display_name text, role text, region text,
                                    status text, created_at timestamptz, updated_at timestamptz)
ORDER BY r.id
ON CONFLICT (id) DO UPDATE
SET username = excluded.username, email = excluded.email, display_name = excluded.display_name, role = excluded.role,
    region = excluded.region, status = excluded.status, updated_at = excluded.updated_at
WHERE excluded.updated_at > t.updated_at
RETURNING t.id
