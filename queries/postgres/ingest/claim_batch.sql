-- Records a batch at the start of its transaction. With an Idempotency-Key, a concurrent retry
-- waits on the unique index ingest_batches_key_idx until this transaction ends, then finds the key
-- taken (no row returned) and replays the stored answer instead of storing the batch twice.
-- @param stream text
-- @param idempotency_key text?
-- @param request_hash text
-- @param api_key_id bigint?
-- @param lines int
-- @param transport text
INSERT INTO ingest_batches (stream, idempotency_key, request_hash, api_key_id, lines, transport, response)
VALUES (:stream, :idempotency_key, :request_hash, :api_key_id, :lines, :transport, '{}'::jsonb)
ON CONFLICT (stream, idempotency_key) DO NOTHING
RETURNING id
