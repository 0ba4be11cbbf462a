-- Which insert stored each event (docs/ingest-dedup.md): the insert's dedup token, derived from
-- the stream, the Idempotency-Key and the body. When a console dies in the middle of an insert
-- (the raw part written, a rollup's part not yet), the retry of the same batch finds its own
-- token on the stored rows and inserts the same block again with the same token: the raw table
-- drops its copy (insert_deduplication_token, non_replicated_deduplication_window) while each
-- rollup stores the part it lacks. Rows stored before this column read ''.
ALTER TABLE video_events ADD COLUMN IF NOT EXISTS ingest_token LowCardinality(String) DEFAULT '';
ALTER TABLE ad_events ADD COLUMN IF NOT EXISTS ingest_token LowCardinality(String) DEFAULT '';
