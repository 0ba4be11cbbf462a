-- Ingest bookkeeping (README "Ingest API"; docs/metrics.md, data quality), on top of
-- 004_ingest_quality. ingest_batches records EVERY batch, not only those with an Idempotency-Key,
-- so the data-quality panels read accepted, rejected and orphan counts per stream over time from
-- one table (orphan rate = sum(orphans) / sum(accepted)). The key stays unique per stream where it
-- is given (NULLs are distinct in a unique index), and request_hash (SHA-256 of the decoded body)
-- tells a retry from a different batch reusing a key.
ALTER TABLE ingest_batches DROP CONSTRAINT IF EXISTS ingest_batches_pkey;
ALTER TABLE ingest_batches ALTER COLUMN idempotency_key DROP NOT NULL;
ALTER TABLE ingest_batches ADD COLUMN IF NOT EXISTS id bigserial PRIMARY KEY;
ALTER TABLE ingest_batches ADD COLUMN IF NOT EXISTS request_hash text;
ALTER TABLE ingest_batches ADD COLUMN IF NOT EXISTS api_key_id bigint REFERENCES api_keys (id);
ALTER TABLE ingest_batches ADD COLUMN IF NOT EXISTS lines integer NOT NULL DEFAULT 0;
ALTER TABLE ingest_batches ADD COLUMN IF NOT EXISTS accepted integer NOT NULL DEFAULT 0;
ALTER TABLE ingest_batches ADD COLUMN IF NOT EXISTS rejected integer NOT NULL DEFAULT 0;
-- Events about an entity the console does not know (yet): stored, and counted here.
ALTER TABLE ingest_batches ADD COLUMN IF NOT EXISTS orphans integer NOT NULL DEFAULT 0;
-- Entity lines that changed nothing: an older or equal updated_at, a replayed report or follow.
ALTER TABLE ingest_batches ADD COLUMN IF NOT EXISTS unchanged integer NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX IF NOT EXISTS ingest_batches_key_idx ON ingest_batches (stream, idempotency_key);
-- Panels read a time range per stream.
CREATE INDEX IF NOT EXISTS ingest_batches_created_idx ON ingest_batches (created_at, stream);

-- A rejected line's place and the reason in words, beside the reason code and field of 004.
ALTER TABLE ingest_rejections ADD COLUMN IF NOT EXISTS batch_id bigint REFERENCES ingest_batches (id);
ALTER TABLE ingest_rejections ADD COLUMN IF NOT EXISTS line integer;
ALTER TABLE ingest_rejections ADD COLUMN IF NOT EXISTS message text;
