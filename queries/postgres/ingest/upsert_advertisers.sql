-- Advertisers from the ingest API: an upsert ordered by updated_at (a replayed or older row never
-- overwrites newer data). :rows is a JSON array, one per id. Answers the ids written. Primary key.
-- @param rows jsonb
INSERT INTO advertisers AS t (id, name, timezone, currency, created_at, updated_at)
SELECT r.id, r.name, r.timezone, r.currency, coalesce(r.created_at, r.updated_at), r.updated_at
FROM jsonb_to_recordset(:rows) AS r(id bigint, name text, timezone text, currency text, created_at timestamptz,
                                    updated_at timestamptz)
ORDER BY r.id
ON CONFLICT (id) DO UPDATE
SET name = excluded.name, timezone = excluded.timezone, currency = excluded.currency, updated_at = excluded.updated_at
WHERE excluded.updated_at > t.updated_at
RETURNING t.id
