-- Stores a batch's counts and answer (the answer a retry with the same key receives). Primary key.
-- @param id bigint
-- @param accepted int
-- @param rejected int
-- @param orphans int
-- @param unchanged int
-- @param duplicates int
-- @param response jsonb
UPDATE ingest_batches
SET accepted = :accepted, rejected = :rejected, orphans = :orphans, unchanged = :unchanged, duplicates = :duplicates, response = :response
WHERE id = :id
