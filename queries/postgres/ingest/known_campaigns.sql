-- Which of the campaigns named by a batch of ad events exist, with their advertiser: events about
-- an unknown campaign are stored and counted as orphans; an event naming another advertiser than
-- the campaign's is rejected. Primary key look-up.
-- @param ids bigint[]
SELECT id, advertiser_id AS "advertiserId"
FROM campaigns
WHERE id = ANY (:ids)
