-- Header search, campaigns: by id or by the words of the name (full-text, prefixes), scoped in
-- the SQL: an advertiser's session passes its advertiser id and never sees another's campaign.
-- Relies on campaigns_name_search_idx and the primary key.
-- @param q text
-- @param id bigint?
-- @param scope_advertiser_id bigint?
-- @param max int
WITH query AS (SELECT search_prefix_query(:q) AS tsq)
SELECT c.id, c.name, c.status, c.advertiser_id AS "advertiserId", a.name AS "advertiserName"
FROM campaigns AS c
CROSS JOIN query
JOIN advertisers AS a ON a.id = c.advertiser_id
WHERE (:scope_advertiser_id::bigint IS NULL OR c.advertiser_id = :scope_advertiser_id)
  AND (c.id = :id OR to_tsvector('simple', c.name) @@ query.tsq)
ORDER BY (c.id = :id) IS TRUE DESC, ts_rank(to_tsvector('simple', c.name), query.tsq) DESC, c.id DESC
LIMIT :max
