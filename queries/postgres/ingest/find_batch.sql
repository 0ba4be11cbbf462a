-- A batch already recorded under this Idempotency-Key (README#ingest-api): its answer is replayed to a
-- retry. Relies on the unique index ingest_batches_key_idx (stream, idempotency_key).
-- @param stream text
-- @param idempotency_key text
SELECT id, request_hash AS "requestHash", response
FROM ingest_batches
WHERE stream = :stream AND idempotency_key = :idempotency_key
