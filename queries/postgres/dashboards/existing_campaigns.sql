-- Which of these campaign ids exist (orphan references of data quality); primary key lookups.
-- @param ids bigint[]
SELECT id FROM campaigns WHERE id = ANY(:ids)
