-- Which of the advertisers named by a batch exist (parents of campaigns and transactions: a row
-- naming an unknown advertiser is rejected with that reason). Primary key look-up.
-- @param ids bigint[]
SELECT id
FROM advertisers
WHERE id = ANY (:ids)
