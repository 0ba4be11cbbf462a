-- Videos from the ingest API (README#ingest-api): an upsert ordered by updated_at, so a replayed or
-- older row never overwrites newer data. The creator was checked to exist (known_users.sql).
-- :rows is a JSON array of videos, one per id. Answers the ids written. Primary key.
-- @param rows jsonb
INSERT INTO videos AS t (id, creator_id, title, description, tags, duration_ms, region, visibility, video_url,
                         thumbnail_url, created_at, updated_at)
SELECT r.id, r.creator_id, r.title, r.description, r.tags, r.duration_ms, r.region, r.visibility, r.video_url,
       r.thumbnail_url, coalesce(r.created_at, r.updated_at), r.updated_at
FROM jsonb_to_recordset(:rows) AS r(id bigint, creator_id bigint, title text, description text, tags text[],
                                    duration_ms int, region text, visibility text, video_url text, thumbnail_url text,
                                    created_at timestamptz, updated_at timestamptz)
ORDER BY r.id
ON CONFLICT (id) DO UPDATE
SET creator_id = excluded.creator_id, title = excluded.title, description = excluded.description, tags = excluded.tags,
    duration_ms = excluded.duration_ms, region = excluded.region, visibility = excluded.visibility,
    video_url = excluded.video_url, thumbnail_url = excluded.thumbnail_url, updated_at = excluded.updated_at
WHERE excluded.updated_at > t.updated_at
RETURNING t.id
