-- Every event counted once (issue 13, docs/ingest-dedup.md). A batch's answer now says how many
-- event lines were duplicates of events already stored (not stored again, not counted as
-- accepted), and by which transport the batch came: 'http' (POST /api/v1/ingest/<stream>) or
-- 'amqp' (a RabbitMQ message on pulse.ingest.<stream>).
ALTER TABLE ingest_batches ADD COLUMN IF NOT EXISTS duplicates integer NOT NULL DEFAULT 0;
ALTER TABLE ingest_batches ADD COLUMN IF NOT EXISTS transport text NOT NULL DEFAULT 'http';
-- A batch that finds its own insert token on stored events asks whether a batch with the same
-- body was recorded (queries/postgres/ingest/batch_recorded.sql).
CREATE INDEX IF NOT EXISTS ingest_batches_hash_idx ON ingest_batches (stream, request_hash);
