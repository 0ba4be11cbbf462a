-- Titles, media URLs and creators of the videos a ClickHouse panel ranked (primary key lookup).
-- @param ids bigint[]
SELECT v.id, v.title, v.thumbnail_url AS "thumbnailUrl", v.video_url AS "videoUrl", v.duration_ms AS "durationMs",
       v.creator_id AS "creatorId", u.username AS "creatorUsername", v.visibility
FROM videos v
LEFT JOIN users u ON u.id = v.creator_id
WHERE v.id = ANY(:ids)
