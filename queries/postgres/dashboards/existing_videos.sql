-- Which of these video ids exist (orphan references of data quality); primary key lookups.
-- @param ids bigint[]
SELECT id FROM videos WHERE id = ANY(:ids)
