-- Which of the users named by a batch exist (parents of videos, follows, transactions and
-- reports: a row naming an unknown user is rejected with that reason). Primary key look-up.
-- @param ids bigint[]
SELECT id
FROM users
WHERE id = ANY (:ids)
