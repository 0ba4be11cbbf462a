-- An advertiser account must be bound to an existing advertiser (422 otherwise). Primary key.
-- @param id bigint
SELECT EXISTS (SELECT 1 FROM advertisers WHERE id = :id) AS "exists"
