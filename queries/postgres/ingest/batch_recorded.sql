-- Whether a batch with this body was recorded on this stream (docs/ingest-dedup.md): when a
-- batch finds its own insert token on stored events, a recorded batch means the earlier copy
-- finished (the events are duplicates); none means it died between ClickHouse and this record
-- (its insert is repeated with the same token). ingest_batches_hash_idx.
-- @param stream text
-- @param request_hash text
SELECT EXISTS (SELECT 1 FROM ingest_batches WHERE stream = :stream AND request_hash = :request_hash) AS recorded
