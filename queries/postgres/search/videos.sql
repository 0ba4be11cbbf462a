-- Header search, videos (docs/moderation.md#search): by id, or by the words of the title
-- (full-text, 'simple' configuration, every word a prefix: "cook past" finds "Cooking pasta"),
-- best first: the id match, then ts_rank. Each video comes with its latest case (unresolved
-- first), which is where a moderator opens it. Relies on videos_title_search_idx and the primary key.
-- @param q text
-- @param id bigint?
-- @param max int
WITH query AS (SELECT search_prefix_query(:q) AS tsq)
SELECT v.id, v.title, v.visibility, v.thumbnail_url AS "thumbnailUrl", u.username AS "creatorUsername",
       lc.id AS "caseId", lc.status AS "caseStatus"
FROM videos AS v
CROSS JOIN query
JOIN users AS u ON u.id = v.creator_id
LEFT JOIN LATERAL (SELECT c.id, c.status FROM moderation_cases AS c WHERE c.video_id = v.id
                   ORDER BY (c.status <> 'resolved') DESC, c.id DESC LIMIT 1) AS lc ON true
WHERE v.id = :id OR to_tsvector('simple', v.title) @@ query.tsq
ORDER BY (v.id = :id) IS TRUE DESC, ts_rank(to_tsvector('simple', v.title), query.tsq) DESC, v.id DESC
LIMIT :max
